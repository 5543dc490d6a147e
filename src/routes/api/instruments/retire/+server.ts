import { json } from '@sveltejs/kit';
import { db } from '$lib/server/db';
import { apiError, readJson } from '$lib/server/http';
import { retireInput, setRetired } from '$lib/server/instruments/service';
import type { RequestHandler } from './$types';

/** `{ code, version, retired }`: hides an instrument from new devices (answers to it still count). */
export const POST: RequestHandler = async (event) => {
	const body = await readJson(event, retireInput);
	if ('response' in body) return body.response;
	if (!(await setRetired(db(), body.data, event.locals.user!.id))) {
		return apiError(event, 404, 'api.error.noInstrument', {
			code: `${body.data.code} v${body.data.version}`
		});
	}
	return json({ ...body.data });
};
