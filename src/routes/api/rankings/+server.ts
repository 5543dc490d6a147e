import { json } from '@sveltejs/kit';
import { db } from '$lib/server/db';
import { readQuery } from '$lib/server/http';
import { unitAndInstrument } from '$lib/server/dashboard/readScope';
import { ranking } from '$lib/server/dashboard/aggregates';
import { rankingsQuery } from '$lib/server/dashboard/queries';
import { rankingsReply } from '$lib/server/dashboard/replies';
import { dayYearBefore as yearBefore } from '$lib/survey/periods';
import type { RequestHandler } from './$types';

/**
 * The units of one kind below `parent`, ranked by index over a period, with the compare
 * period's index and rank (default: the same dates a year before), the block average
 * (mean and pooled), how many improved, the most improved, top, bottom and the gap.
 */
export const GET: RequestHandler = async (event) => {
	const query = readQuery(event, rankingsQuery);
	if ('response' in query) return query.response;
	const q = query.data;
	const found = await unitAndInstrument(event, q.parent, q.instrument);
	if ('response' in found) return found.response;
	const compare =
		q.compareFrom && q.compareTo
			? { from: q.compareFrom, to: q.compareTo }
			: { from: yearBefore(q.from), to: yearBefore(q.to) };
	const result = await ranking(db(), {
		parent: q.parent,
		kind: q.kind,
		instrument: found.instrument,
		period: { from: q.from, to: q.to },
		compare,
		channel: q.channel,
		clean: q.flagged
	});
	return json(rankingsReply({ ...q, instrument: q.instrument, compare, clean: q.flagged }, result));
};
