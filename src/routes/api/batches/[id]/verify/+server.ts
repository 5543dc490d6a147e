import { json } from '@sveltejs/kit';
import { batchFor } from '$lib/server/batches/service';
import { verifyBody, verifyForm } from '$lib/server/batches/verification';
import { db } from '$lib/server/db';
import { failureResponse, readJson } from '$lib/server/http';
import type { RequestHandler } from './$types';

/** `POST { serial, answers }`: the second keying of a sampled form (answers 201 `{ serial }`). */
export const POST: RequestHandler = async (event) => {
	const found = await batchFor(db(), event.params.id, event.locals.user!);
	if (!found.ok) return failureResponse(event, found);
	const body = await readJson(event, verifyBody);
	if ('response' in body) return body.response;
	const result = await verifyForm(db(), found.value, body.data, event.locals.user!);
	if (!result.ok) return failureResponse(event, result);
	return json({ serial: body.data.serial }, { status: 201 });
};
