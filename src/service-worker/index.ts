/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
// A thin entry: the precache of the app shell, the few runtime routes, the update message.
import { precache } from './precache';
import { routes } from './routes';
import { lifecycle } from './lifecycle';

declare const self: ServiceWorkerGlobalScope;

precache();
routes();
lifecycle(self);
