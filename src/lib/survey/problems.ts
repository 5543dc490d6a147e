import type { z } from 'zod';
import { isMessageKey, type MessageKey, type Params } from '$lib/i18n';

/** A validation finding: which field, and the message key (translated where it is shown). */
export interface Problem {
	field: string;
	key: MessageKey;
	params?: Params;
}

/**
 * Turns zod issues into problems. Schemas use message keys as their messages; an issue
 * without one (a type mismatch zod found itself) falls back to `fallback`.
 */
export function problemsFrom(error: z.ZodError, fallback: MessageKey): Problem[] {
	return error.issues.map((issue) => ({
		field: String(issue.path[0] ?? ''),
		key: isMessageKey(issue.message) ? issue.message : fallback
	}));
}

/** The first problem of each field, for showing beside form fields. */
export function byField(problems: readonly Problem[]): Record<string, Omit<Problem, 'field'>> {
	const out: Record<string, Omit<Problem, 'field'>> = {};
	for (const { field, ...rest } of problems) out[field] ??= rest;
	return out;
}
