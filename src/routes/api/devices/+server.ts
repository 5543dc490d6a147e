import { json } from '@sveltejs/kit';
import { db } from '$lib/server/db';
import { createDevice, deviceInput } from '$lib/server/devices/service';
import { apiError, readJson } from '$lib/server/http';
import type { RequestHandler } from './$types';

/** `POST /api/devices { unit, name }` (admin) → `{ id, enrolmentCode, expiresAt }`. */
export const POST: RequestHandler = async (event) => {
	const body = await readJson(event, deviceInput);
	if ('response' in body) return body.response;
	const created = await createDevice(db(), body.data, event.locals.user!.id);
	if (created === 'unit') return apiError(event, 400, 'devices.error.unit');
	return json(created, { status: 201 });
};
