import { page } from '$app/state';
import { translate, type Locale, type MessageKey, type Params } from './index';

/** The language of the page being shown (set by the server from the `lang` cookie). */
export function locale(): Locale {
	return page.data.locale ?? 'vi';
}

/** Translates for the page being shown; reactive in templates because `page` is. */
export function t(key: MessageKey, params?: Params): string {
	return translate(locale(), key, params);
}
