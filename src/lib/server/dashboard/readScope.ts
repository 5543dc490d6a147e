import type { RequestEvent } from '@sveltejs/kit';
import type { Instrument } from '$lib/survey/instruments';
import { unitAccess } from '../auth/guard';
import { db } from '../db';
import { failureResponse } from '../http';
import { failure } from '../outcome';
import { latestInstrument } from '../instruments/service';

/**
 * The checks every read API makes before it counts anything: the unit exists and is in the
 * caller's scope, and the instrument exists. Returns the 4xx to send, or what was found.
 */
export async function unitAndInstrument(
	event: Pick<RequestEvent, 'locals'>,
	unit: string,
	instrumentCode: string
): Promise<{ response: Response } | { instrument: Instrument }> {
	const access = await unitAccess(event.locals, unit);
	if (!access.ok) return { response: failureResponse(event, access) };
	const instrument = await latestInstrument(db(), instrumentCode);
	if (!instrument) {
		const missing = failure('instrumentNotFound', { params: { code: instrumentCode } });
		return { response: failureResponse(event, missing) };
	}
	return { instrument };
}
