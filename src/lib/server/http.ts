import { json, type RequestEvent } from '@sveltejs/kit';
import type { z } from 'zod';
import { isMessageKey, translate, type MessageKey, type Params } from '$lib/i18n';
import { stripControl } from '$lib/survey/text';

/** The one shape of an API error: `{ error, code }` with a 4xx status, in the caller's language. */
export function apiError(
	event: Pick<RequestEvent, 'locals'>,
	status: number,
	key: MessageKey,
	params?: Params,
	extra: Record<string, unknown> = {}
): Response {
	return json(
		{ error: translate(event.locals.locale, key, params), code: key, ...extra },
		{ status }
	);
}

/** The 400 for answers the questionnaire refuses: the reasons joined, and each issue beside. */
export function issuesError(
	event: Pick<RequestEvent, 'locals'>,
	issues: readonly { message: string }[]
): Response {
	return apiError(
		event,
		400,
		'api.error.invalid',
		{ details: issues.map((i) => i.message).join('; ') },
		{ issues }
	);
}

/** Reads a JSON body and validates it; returns the data or the 4xx response to send. */
export async function readJson<S extends z.ZodType>(
	event: Pick<RequestEvent, 'locals' | 'request'>,
	schema: S,
	maxBytes = Infinity
): Promise<{ data: z.output<S> } | { response: Response }> {
	if (!event.request.headers.get('content-type')?.includes('application/json')) {
		return {
			response: apiError(event, 415, 'api.error.contentType', { type: 'application/json' })
		};
	}
	const tooLarge = () => ({ response: apiError(event, 413, 'api.error.tooLarge') });
	if (Number(event.request.headers.get('content-length') ?? 0) > maxBytes) return tooLarge();
	let body: unknown;
	try {
		const bytes = await event.request.arrayBuffer();
		if (bytes.byteLength > maxBytes) return tooLarge();
		body = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
	} catch {
		return { response: apiError(event, 400, 'api.error.badJson') };
	}
	const parsed = schema.safeParse(body);
	if (!parsed.success) return { response: invalid(event, parsed.error) };
	return { data: parsed.data };
}

/** The submitted form, or an empty one when the body is not a form (never a 500). */
export async function readForm(request: Request): Promise<FormData> {
	try {
		return await request.formData();
	} catch {
		return new FormData();
	}
}

/** The named fields of a form as strings ('' when absent, control characters removed), ready for a zod schema. */
export function fields<K extends string>(form: FormData, names: readonly K[]): Record<K, string> {
	const out = {} as Record<K, string>;
	for (const name of names) {
		const value = form.get(name);
		// NUL bytes cannot be stored and never mean anything in a form field.
		out[name] = typeof value === 'string' ? stripControl(value) : '';
	}
	return out;
}

/** Reads query parameters through a schema; returns the data or the 400 to send. */
export function readQuery<S extends z.ZodType>(
	event: Pick<RequestEvent, 'locals' | 'url'>,
	schema: S
): { data: z.output<S> } | { response: Response } {
	const parsed = schema.safeParse(Object.fromEntries(event.url.searchParams));
	return parsed.success ? { data: parsed.data } : { response: invalid(event, parsed.error) };
}

/**
 * The 400 for input a schema refused: every issue as `path: message`, messages that are
 * i18n keys in the caller's language, and zod's issues beside them for programs.
 */
function invalid(event: Pick<RequestEvent, 'locals'>, error: z.ZodError): Response {
	const details = error.issues
		.map((issue) => {
			const message = isMessageKey(issue.message)
				? translate(event.locals.locale, issue.message)
				: issue.message;
			return `${issue.path.join('.')}: ${message}`;
		})
		.join('; ');
	return apiError(event, 400, 'api.error.invalid', { details }, { issues: error.issues });
}
