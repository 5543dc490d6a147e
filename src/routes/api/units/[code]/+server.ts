import { json } from '@sveltejs/kit';
import { unitAccess } from '$lib/server/auth/guard';
import { failureResponse } from '$lib/server/http';
import type { RequestHandler } from './$types';

/** One unit; 404 when unknown, 403 outside the caller's scope. */
export const GET: RequestHandler = async (event) => {
	const code = event.params.code;
	const access = await unitAccess(event.locals, code);
	return access.ok ? json({ unit: access.value.unit }) : failureResponse(event, access);
};
