import { json } from '@sveltejs/kit';
import { db } from '$lib/server/db';
import { failureResponse, readJson } from '$lib/server/http';
import { retireInput, setRetired } from '$lib/server/instruments/service';
import type { RequestHandler } from './$types';

/** `{ code, version, retired }`: hides an instrument from new devices (answers to it still count). */
export const POST: RequestHandler = async (event) => {
	const body = await readJson(event, retireInput);
	if ('response' in body) return body.response;
	const result = await setRetired(db(), body.data, event.locals.user!.id);
	return result.ok ? json({ ...body.data }) : failureResponse(event, result);
};
