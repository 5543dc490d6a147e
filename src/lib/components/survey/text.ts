import { getContext, setContext } from 'svelte';
import { kioskText, type KioskKey, type KioskLocale } from '$lib/i18n/kiosk';
import type { Localized } from '$lib/survey/instruments';

const KEY = Symbol('survey-locale');

/** Makes the respondent's language (a reactive getter) available to the survey components. */
export function provideLocale(locale: () => KioskLocale): void {
	setContext(KEY, locale);
}

/** The same as a component's context, for mounting a survey component on its own (tests). */
export function surveyContext(locale: () => KioskLocale): Map<symbol, () => KioskLocale> {
	return new Map([[KEY, locale]]);
}

/** The respondent's language, their words, and an instrument text in that language. */
export function useText() {
	const locale = getContext<() => KioskLocale>(KEY);
	return {
		locale,
		t: (key: KioskKey, params?: Record<string, string | number>) =>
			kioskText(locale(), key, params),
		pick: (text: Localized) => text[locale()]
	};
}
