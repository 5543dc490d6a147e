import { json } from '@sveltejs/kit';
import { db } from '$lib/server/db';
import { createDevice, deviceInput } from '$lib/server/devices/service';
import { failureResponse, readJson } from '$lib/server/http';
import type { RequestHandler } from './$types';

/** `POST /api/devices { unit, name }` (admin) → `{ id, enrolmentCode, expiresAt }`. */
export const POST: RequestHandler = async (event) => {
	const body = await readJson(event, deviceInput);
	if ('response' in body) return body.response;
	const created = await createDevice(db(), body.data, event.locals.user!.id);
	return created.ok ? json(created.value, { status: 201 }) : failureResponse(event, created);
};
