import type { z } from 'zod';
import { isMessageKey, type MessageKey, type Params } from '$lib/i18n';

/**
 * An issue: why the server or a form refused one piece of input. One word for it everywhere
 * (a refused answer, a form field, an import cell); two shapes, by what it points at.
 */

/** An issue inside a response or a request body: where (a path) and why. */
export interface Issue {
	path: (string | number)[];
	/** In English, for programs and logs. */
	message: string;
	/** The same in the catalog (`issue.*`), for people: see `issueText`. */
	key?: string;
	params?: Record<string, string | number>;
}

/** An issue with its English message and its catalog key. */
export function issue(
	path: Issue['path'],
	key: string,
	message: string,
	params: Record<string, string | number> = {}
): Issue {
	return { path, message, key: `issue.${key}`, params };
}

/** An issue with one form field: which field, and the message key (translated where shown). */
export interface FieldIssue {
	field: string;
	key: MessageKey;
	params?: Params;
}

/**
 * Turns zod issues into field issues. Schemas use message keys as their messages; an issue
 * without one (a type mismatch zod found itself) falls back to `fallback`.
 */
export function fieldIssuesFrom(error: z.ZodError, fallback: MessageKey): FieldIssue[] {
	return error.issues.map((issue) => ({
		field: String(issue.path[0] ?? ''),
		key: isMessageKey(issue.message) ? issue.message : fallback
	}));
}

/** The first issue of each field, for showing beside form fields. */
export function byField(issues: readonly FieldIssue[]): Record<string, Omit<FieldIssue, 'field'>> {
	const out: Record<string, Omit<FieldIssue, 'field'>> = {};
	for (const { field, ...rest } of issues) out[field] ??= rest;
	return out;
}
