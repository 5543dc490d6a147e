import { json, type RequestEvent } from '@sveltejs/kit';
import { z } from 'zod';
import { answerValue } from '$lib/survey/responses';
import { apiError, failureResponse, readJson } from '../http';
import type { CorrectionOutcome } from './corrections';
import { isUuid } from '../ids';

export const voidBody = z.object({ reason: z.string().trim().min(1).max(500) });
export const editBody = z.object({
	reason: z.string().trim().min(1).max(500),
	answers: z.record(z.string().max(32), answerValue)
});

/** Reads the body of a correction and answers with what the correction returned. */
export async function correction<S extends z.ZodType>(
	event: RequestEvent<{ id: string }>,
	schema: S,
	run: (id: string, body: z.output<S>) => Promise<CorrectionOutcome>
): Promise<Response> {
	if (!isUuid(event.params.id)) return apiError(event, 404, 'api.error.noResponse');
	const body = await readJson(event, schema);
	if ('response' in body) return body.response;
	const result = await run(event.params.id, body.data);
	if (result.ok) return json({ id: event.params.id, ok: true });
	return failureResponse(event, result);
}
