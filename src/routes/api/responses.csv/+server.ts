import { db } from '$lib/server/db';
import * as audit from '$lib/server/audit/service';
import * as units from '$lib/server/units/service';
import { csvDownload, readQuery } from '$lib/server/http';
import { unitAndInstrument } from '$lib/server/dashboard/readScope';
import { exportCsv } from '$lib/server/interchange/exportCsv';
import { indicesQuery } from '$lib/server/dashboard/queries';
import type { RequestHandler } from './$types';

/** The raw responses of a unit and its whole subtree in the interchange format, streamed. */
export const GET: RequestHandler = async (event) => {
	const query = readQuery(event, indicesQuery);
	if ('response' in query) return query.response;
	const { unit, instrument: code, from, to, channel, flagged: clean } = query.data;
	const found = await unitAndInstrument(event, unit, code);
	if ('response' in found) return found.response;
	await audit.record(db(), {
		actorUserId: event.locals.user?.id ?? null,
		action: 'export.responses',
		target: unit,
		details: { instrument: code, from, to, channel, clean }
	});
	const subtree = await units.subtreeCodes(db(), unit);
	const body = exportCsv(db(), {
		units: subtree,
		instrument: found.instrument,
		from,
		to,
		channel,
		clean
	});
	return csvDownload(`sipas-${unit}-${code}-${from}-${to}.csv`, body);
};
