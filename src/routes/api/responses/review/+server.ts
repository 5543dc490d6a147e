import { json } from '@sveltejs/kit';
import { db } from '$lib/server/db';
import { failureResponse, readJson } from '$lib/server/http';
import { reviewHeld, reviewInput } from '$lib/server/responses/review';
import type { RequestHandler } from './$types';

/** `POST /api/responses/review { ids, decision: accept | reject }` → `{ count }`; all or nothing. */
export const POST: RequestHandler = async (event) => {
	const body = await readJson(event, reviewInput);
	if ('response' in body) return body.response;
	const result = await reviewHeld(db(), body.data, event.locals.user!);
	return result.ok ? json({ count: result.value }) : failureResponse(event, result);
};
