import { json } from '@sveltejs/kit';
import { db } from '$lib/server/db';
import { apiError, failureResponse } from '$lib/server/http';
import * as instruments from '$lib/server/instruments/service';
import { importInstrument } from '$lib/server/instruments/service';
import type { RequestHandler } from './$types';

/** Every instrument version with its full definition (item codes are part of the contract). */
export const GET: RequestHandler = async () => {
	const list = await instruments.list(db());
	return json({
		instruments: list.map((i) => ({
			...i.definition,
			retired: i.retiredAt !== null,
			hasResponses: i.hasResponses
		}))
	});
};

/** Adds an instrument version from its JSON definition (admin). */
export const POST: RequestHandler = async (event) => {
	if (!event.request.headers.get('content-type')?.includes('application/json')) {
		return apiError(event, 415, 'api.error.contentType', { type: 'application/json' });
	}
	let body: unknown;
	try {
		body = await event.request.json();
	} catch {
		return apiError(event, 400, 'api.error.badJson');
	}
	const result = await importInstrument(db(), body, event.locals.user!.id);
	if (!result.ok) return failureResponse(event, { ...result, issues: result.issues ?? [] });
	return json(result.value, { status: 201 });
};
