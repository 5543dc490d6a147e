import { json } from '@sveltejs/kit';
import { db } from '$lib/server/db';
import { readQuery } from '$lib/server/http';
import { unitAndInstrument } from '$lib/server/dashboard/readScope';
import { trend } from '$lib/server/dashboard/trend';
import { trendQuery } from '$lib/server/dashboard/queries';
import type { RequestHandler } from './$types';

/** A unit's SIPAS and group indices per month, quarter or year. */
export const GET: RequestHandler = async (event) => {
	const query = readQuery(event, trendQuery);
	if ('response' in query) return query.response;
	const { unit, instrument: code, from, to, channel, bucket, flagged: clean } = query.data;
	const found = await unitAndInstrument(event, unit, code);
	if ('response' in found) return found.response;
	const points = await trend(db(), {
		unit,
		instrument: found.instrument,
		period: { from, to },
		bucket,
		channel,
		clean
	});
	return json({ unit, instrument: code, from, to, bucket, points });
};
