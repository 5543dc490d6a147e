import { json } from '@sveltejs/kit';
import { db } from '$lib/server/db';
import { readQuery } from '$lib/server/http';
import { unitAndInstrument } from '$lib/server/dashboard/readScope';
import { unitIndices } from '$lib/server/dashboard/aggregates';
import { indicesQuery } from '$lib/server/dashboard/queries';
import { indicesReply } from '$lib/server/dashboard/replies';
import type { RequestHandler } from './$types';

/** A unit's SIPAS with its parts, groups and items over an inclusive period (unrounded). */
export const GET: RequestHandler = async (event) => {
	const query = readQuery(event, indicesQuery);
	if ('response' in query) return query.response;
	const { unit, instrument: code, from, to, channel, flagged: clean } = query.data;
	const found = await unitAndInstrument(event, unit, code);
	if ('response' in found) return found.response;
	const result = await unitIndices(db(), {
		unit,
		instrument: found.instrument,
		period: { from, to },
		channel,
		clean
	});
	return json(indicesReply({ unit, instrument: code, from, to, channel, clean }, result));
};
