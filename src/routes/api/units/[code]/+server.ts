import { json } from '@sveltejs/kit';
import { unitAccess } from '$lib/server/auth/guard';
import { apiError } from '$lib/server/http';
import type { RequestHandler } from './$types';

/** One unit; 404 when unknown, 403 outside the caller's scope. */
export const GET: RequestHandler = async (event) => {
	const code = event.params.code;
	const access = await unitAccess(event.locals, code);
	if (!access.ok) {
		return access.status === 404
			? apiError(event, 404, 'unit.error.notFound', { code })
			: apiError(event, 403, 'api.error.outOfScope', { code });
	}
	return json({ unit: access.unit });
};
