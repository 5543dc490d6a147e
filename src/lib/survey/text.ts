import { z } from 'zod';
import type { MessageKey } from '$lib/i18n';

/**
 * Control characters (NUL above all, which PostgreSQL cannot store) have no place in names
 * typed by people; tab and line breaks are allowed only where `multiline` says so.
 */
const control = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const controlOrBreak = /[\u0000-\u001F\u007F]/;

/** A trimmed one-line text of at most `max` characters; `key` names the problem. */
export function plainText(max: number, key: MessageKey, options: { multiline?: boolean } = {}) {
	const forbidden = options.multiline ? control : controlOrBreak;
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
