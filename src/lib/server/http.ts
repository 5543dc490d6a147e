import { error, fail, json, type RequestEvent } from '@sveltejs/kit';
import type { z } from 'zod';
import { isMessageKey, translate, type Locale, type MessageKey, type Params } from '$lib/i18n';
import { stripControl } from '$lib/survey/text';
import type { FieldIssue } from '$lib/survey/issues';
import { isTooLarge } from './bodies';
import { reasons, type Failure, type Reason } from './outcome';

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

/**
 * What a failure says: the status and message key the reason table gives. For `invalid`, the
 * message says what is wrong: the answers' issues joined, or the first form field's own message.
 */
function explain(failure: Failure<Reason, { message: string } | FieldIssue>) {
	const { status, key } = reasons[failure.reason];
	const issues = failure.issues ?? [];
	const [first] = issues;
	if (failure.reason === 'invalid' && first && 'field' in first)
		return { status, key: first.key, params: first.params };
	const params =
		failure.reason === 'invalid' && issues.length
			? {
					...failure.params,
					details: issues.map((i) => ('message' in i ? i.message : '')).join('; ')
				}
			: failure.params;
	return { status, key, params };
}

/**
 * A service's failure as an API answer, `{ error, code, issues? }` in the caller's language
 * (the field's key as `code` for a form field's failure).
 */
export function failureResponse(
	event: Pick<RequestEvent, 'locals'>,
	failure: Failure<Reason, { message: string } | FieldIssue>
): Response {
	const { status, key, params } = explain(failure);
	return apiError(event, status, key, params, failure.issues ? { issues: failure.issues } : {});
}

/** A service's failure as a form action's `{ error }`, said as precisely as the API says it. */
export function failureDetails(
	locale: Locale,
	failure: Failure<Reason, { message: string } | FieldIssue>
) {
	const { status, key, params } = explain(failure);
	return fail(status, { error: translate(locale, key, params) });
}

/** A failure's message in the person's language. */
export function failureText(locale: Locale, failure: Failure<Reason, unknown>): string {
	return translate(locale, reasons[failure.reason].key, failure.params);
}

/** A service's failure as the error page a page load or action ends in (a 403, a 404). */
export function failurePage(locale: Locale, failure: Failure<Reason, unknown>): never {
	error(reasons[failure.reason].status, failureText(locale, failure));
}

/**
 * A service's failure as a form action's answer: the table's status, and `error` in the
 * person's language with the issues and whatever the page needs to show the form again.
 */
export function failureForm<I, D extends Record<string, unknown> = Record<never, never>>(
	locale: Locale,
	failure: Failure<Reason, I>,
	data: D = {} as D
) {
	return fail(reasons[failure.reason].status, {
		error: failureText(locale, failure),
		issues: failure.issues ?? ([] as I[]),
		...data
	});
}

/**
 * Reads a JSON body and validates it; returns the data or the 4xx response to send. The body's
 * size is bounded before this reads it (the route's `body` limit, in `hooks.server.ts`).
 */
export async function readJson<S extends z.ZodType>(
	event: Pick<RequestEvent, 'locals' | 'request'>,
	schema: S
): Promise<{ data: z.output<S> } | { response: Response }> {
	if (!event.request.headers.get('content-type')?.includes('application/json')) {
		return {
			response: apiError(event, 415, 'api.error.contentType', { type: 'application/json' })
		};
	}
	let body: unknown;
	try {
		const bytes = await event.request.arrayBuffer();
		body = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
	} catch (cause) {
		if (isTooLarge(cause)) return { response: apiError(event, 413, 'api.error.tooLarge') };
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

/** A form field that carries JSON (answers keyed in a script); undefined when it is not JSON. */
export function jsonField(form: FormData, name: string): unknown {
	const value = form.get(name);
	if (typeof value !== 'string') return undefined;
	try {
		return JSON.parse(value);
	} catch {
		return undefined;
	}
}

/** Reads query parameters through a schema; returns the data or the 400 to send. */
export function readQuery<S extends z.ZodType>(
	event: Pick<RequestEvent, 'locals' | 'url'>,
	schema: S
): { data: z.output<S> } | { response: Response } {
	const parsed = schema.safeParse(Object.fromEntries(event.url.searchParams));
	return parsed.success ? { data: parsed.data } : { response: invalid(event, parsed.error) };
}

/** What a schema refused, every issue as `path: message` (keys in the person's language). */
function details(locale: Locale, error: z.ZodError): string {
	return error.issues
		.map((issue) => {
			const message = isMessageKey(issue.message)
				? translate(locale, issue.message)
				: issue.message;
			return `${issue.path.join('.')}: ${message}`;
		})
		.join('; ');
}

/** The 400 for input a schema refused, with zod's issues beside the message for programs. */
function invalid(event: Pick<RequestEvent, 'locals'>, error: z.ZodError): Response {
	const text = details(event.locals.locale, error);
	return apiError(event, 400, 'api.error.invalid', { details: text }, { issues: error.issues });
}

/** The same for a form action: `{ error }` with a 400. */
export function schemaFailure(locale: Locale, error: z.ZodError) {
	return fail(400, {
		error: translate(locale, 'api.error.invalid', { details: details(locale, error) })
	});
}

/**
 * A CSV download: a stream, or lines (then written with a byte-order mark, so Excel reads the
 * Vietnamese right), under the file name a browser saves it as.
 */
export function csvDownload(
	filename: string,
	body: ReadableStream<Uint8Array> | readonly string[]
): Response {
	return new Response(Array.isArray(body) ? '\uFEFF' + body.join('') : (body as BodyInit), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${filename}"`
		}
	});
}
