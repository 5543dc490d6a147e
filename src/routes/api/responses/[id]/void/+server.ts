import { db } from '$lib/server/db';
import { voidResponse } from '$lib/server/responses/corrections';
import { correction, voidBody } from '$lib/server/responses/correctionRoutes';
import type { RequestHandler } from './$types';

/** `{ reason }`: the response stays stored and visible as void and stops counting (staff of its unit, admin). */
export const POST: RequestHandler = (event) =>
	correction(event, voidBody, (id, body) =>
		voidResponse(db(), id, body.reason, event.locals.user!)
	);
