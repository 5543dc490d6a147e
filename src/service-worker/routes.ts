import { NavigationRoute, registerRoute } from 'workbox-routing';
import { NetworkFirst } from 'workbox-strategies';
import { STAFF_CACHE } from '../lib/offline';

/**
 * Two kinds of page are kept for offline use, network first with the last copy as fallback:
 *
 * - the public form (`/r/UNIT`), so a citizen who lost signal can still finish and queue;
 * - the paper-entry screen (`/entry/BATCH`), so a clerk on a flaky network can reload and
 *   go on keying. It carries the batch and the serials keyed so far, which must not outlive
 *   the session: the cache is emptied on every sign-in and sign-out passing through here.
 *
 * Nothing else is cached at run time: `/api/*` never (IndexedDB is the offline truth), and
 * other staff pages never.
 */
export function routes(): void {
	registerRoute(
		new NavigationRoute(new NetworkFirst({ cacheName: 'public-forms', networkTimeoutSeconds: 4 }), {
			allowlist: [/^\/r\/[^/]+\/?$/]
		})
	);
	registerRoute(
		new NavigationRoute(new NetworkFirst({ cacheName: STAFF_CACHE, networkTimeoutSeconds: 4 }), {
			allowlist: [/^\/entry\/[^/]+\/?$/]
		})
	);
	registerRoute(
		({ url }) => url.pathname === '/logout' || url.pathname === '/login',
		async ({ request }) => {
			await caches.delete(STAFF_CACHE);
			return fetch(request);
		},
		'POST'
	);
}
