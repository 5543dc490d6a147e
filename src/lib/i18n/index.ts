import { en } from './en';
import { vi, type MessageKey } from './vi';

export type { MessageKey };
export const locales = ['vi', 'en'] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = 'vi';

const catalogs: Record<Locale, Record<MessageKey, string>> = { vi, en };

export type Params = Record<string, string | number>;

export function isLocale(value: unknown): value is Locale {
	return locales.includes(value as Locale);
}

export function isMessageKey(value: unknown): value is MessageKey {
	return typeof value === 'string' && value in vi;
}

/** The text of `key` in `locale`, with `{name}` placeholders filled from `params`. */
export function translate(locale: Locale, key: MessageKey, params: Params = {}): string {
	return catalogs[locale][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
		name in params ? String(params[name]) : whole
	);
}

/** Picks a language from a `lang` cookie, else the browser's Accept-Language, else Vietnamese. */
export function pickLocale(cookie: string | undefined, acceptLanguage: string | null): Locale {
	if (isLocale(cookie)) return cookie;
	const first = acceptLanguage?.split(',')[0]?.trim().slice(0, 2).toLowerCase();
	return first === 'en' ? 'en' : defaultLocale;
}

const intlLocale: Record<Locale, string> = { vi: 'vi-VN', en: 'en-GB' };

/** `84,64` in Vietnamese, `84.64` in English; thousands `11.500` / `11,500`. */
export function formatNumber(locale: Locale, value: number, digits = 0): string {
	return new Intl.NumberFormat(intlLocale[locale], {
		minimumFractionDigits: digits,
		maximumFractionDigits: digits
	}).format(value);
}

/** `84,64 %` in Vietnamese, `84.64%` in English. */
export function formatPercent(locale: Locale, value: number, digits = 2): string {
	const number = formatNumber(locale, value, digits);
	return locale === 'vi' ? `${number} %` : `${number}%`;
}

const dateTimeParts = new Intl.DateTimeFormat('en-GB', {
	day: '2-digit',
	month: '2-digit',
	year: 'numeric',
	hour: '2-digit',
	minute: '2-digit',
	hourCycle: 'h23',
	timeZone: 'Asia/Ho_Chi_Minh'
});

/** `22/11/2026 14:05` (Vietnam time, day first) in both languages, as offices write it. */
export function formatDateTime(
	_locale: Locale,
	value: Date | string | number | null | undefined
): string {
	if (!value) return '';
	const part = Object.fromEntries(
		dateTimeParts.formatToParts(new Date(value)).map((p) => [p.type, p.value])
	);
	return `${part.day}/${part.month}/${part.year} ${part.hour}:${part.minute}`;
}

/** An ISO day (`2025-06-30`) as `30/06/2025`. */
export function formatDay(value: string | null | undefined): string {
	if (!value) return '';
	const [y, m, d] = value.split('-');
	return `${d}/${m}/${y}`;
}
