import type { DashboardQuery } from '$lib/survey/dashboard';
import type { Instrument } from '$lib/survey/instruments';
import { yearBefore, type NamedPeriod } from '$lib/survey/periods';
import type { UnitKind } from '$lib/survey/units';
import type { Queryable } from '../db';
import { rankBlock, type Ranking } from './aggregates';

/** Periods looked back at most: a decade of years. */
const LOOK_BACK = 10;

/**
 * How many periods in a row the block's leader has led it, this one included ("lần thứ 3
 * liên tiếp dẫn đầu"): the same period of each year before, while the unit ranked first (a
 * shared first place counts). 1 when it did not lead the year before, 0 without a leader.
 * A custom range has no series to look back on, so its leader's streak is 1.
 */
export async function leaderStreak(
	q: Queryable,
	input: { query: DashboardQuery; parent: string; kind: UnitKind; instrument: Instrument },
	ranking: Ranking
): Promise<number> {
	const leader = ranking.rows.find((r) => r.rank === 1)?.unit.code;
	if (!leader) return 0;
	const { query } = input;
	if (query.period.kind === 'custom') return 1;
	let streak = 1;
	let period: NamedPeriod = query.period;
	while (streak <= LOOK_BACK) {
		period = yearBefore(period);
		const { ranking: before } = await rankBlock(q, {
			instrument: input.instrument,
			channel: query.channel,
			field: query.field,
			clean: query.clean,
			parent: input.parent,
			kind: input.kind,
			period: { from: period.from, to: period.to }
		});
		if (!before.rows.some((r) => r.rank === 1 && r.unit.code === leader)) break;
		streak++;
	}
	return streak;
}
