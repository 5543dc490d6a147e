import { db } from '$lib/server/db';
import { editResponse } from '$lib/server/responses/corrections';
import { correction, editBody } from '$lib/server/responses/correctionRoutes';
import type { RequestHandler } from './$types';

/** `{ answers, reason }`: new answers, counters moved, old values kept in the audit log (staff of its unit, admin). */
export const POST: RequestHandler = (event) =>
	correction(event, editBody, (id, body) =>
		editResponse(db(), id, body.answers, body.reason, event.locals.user!)
	);
