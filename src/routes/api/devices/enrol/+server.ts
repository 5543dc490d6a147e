import { json } from '@sveltejs/kit';
import { db } from '$lib/server/db';
import { enrol, enrolAllowed, enrolInput } from '$lib/server/devices/service';
import { apiError, failureResponse, readJson } from '$lib/server/http';
import type { RequestHandler } from './$types';

/** `POST /api/devices/enrol { code }` → `{ token, device, unit }`; a bad, used or expired code is a 400 with the reason. */
export const POST: RequestHandler = async (event) => {
	if (!(await enrolAllowed(db(), event.getClientAddress())))
		return apiError(event, 429, 'api.error.throttled');
	const body = await readJson(event, enrolInput);
	if ('response' in body) return body.response;
	const result = await enrol(db(), body.data.code);
	return result.ok ? json(result.value) : failureResponse(event, result);
};
