import { json } from '@sveltejs/kit';
import { db } from '$lib/server/db';
import { kioskConfiguration } from '$lib/server/devices/configuration';
import { apiError } from '$lib/server/http';
import type { RequestHandler } from './$types';

/** `GET /api/kiosk` (device token) → the kiosk's unit, settings, PIN hash and instrument. */
export const GET: RequestHandler = async (event) => {
	const configuration = await kioskConfiguration(db(), event.locals.device!);
	if (!configuration) return apiError(event, 409, 'kiosk.error.noInstrument');
	return json(configuration);
};
