import { z } from 'zod';
import type { MessageKey } from '$lib/i18n';

// Matching control characters is the point of these patterns.
/* eslint-disable no-control-regex */
/** Control characters other than tab and line breaks (NUL above all: PostgreSQL cannot store it). */
const control = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
/** Every control character, line breaks included. */
const anyControl = /[\u0000-\u001F\u007F]/;
/* eslint-enable no-control-regex */

/** True when `text` holds a control character (line breaks included). */
export function hasControl(text: string): boolean {
	return anyControl.test(text);
}

/** A trimmed text of at most `max` characters, one line unless `multiline`; `key` names the problem. */
export function plainText(max: number, key: MessageKey, options: { multiline?: boolean } = {}) {
	const forbidden = options.multiline ? control : anyControl;
	return z
		.string()
		.trim()
		.max(max, key)
		.refine((text) => !forbidden.test(text), key);
}

/** Removes NUL and other control characters (not tab or line breaks) from untrusted input. */
export function stripControl(text: string): string {
	return text.replace(new RegExp(control, 'g'), '');
}

/** Lower case without Vietnamese marks (`Đ` → `d`, `Ô` → `o`), spaces collapsed: for matching what people type. */
export function unaccented(text: string): string {
	return text
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/đ/gi, 'd')
		.toLowerCase()
		.replace(/\s+/g, ' ')
		.trim();
}
