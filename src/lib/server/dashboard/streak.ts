import type { DashboardQuery } from '$lib/survey/dashboard';
import type { Instrument } from '$lib/survey/instruments';
import { yearBefore, type NamedPeriod } from '$lib/survey/periods';
import type { UnitKind } from '$lib/survey/units';
import type { Timeline } from '$lib/survey/timeline';
import type { Queryable } from '../db';
import { rankBlock, type Ranking } from './aggregates';

/** Periods looked back at most: a decade of years. */
const LOOK_BACK = 10;

/** The block whose leader is followed, and the view it is read for. */
interface StreakInput {
	query: DashboardQuery;
	parent: string;
	kind: UnitKind;
	instrument: Instrument;
	/** The tree through time, read once by the dashboard. */
	timeline?: Timeline;
}

/**
 * How many periods in a row the block's leader has led it, this one included ("lần thứ 3
 * liên tiếp dẫn đầu"): the same stretch of each year before (a year still running against the
 * same days of the years before), while the unit ranked first (a shared first place counts).
 * 1 when it did not lead the year before, 0 without a leader. A custom range has no series to
 * look back on, so its leader's streak is 1. The year before is the default comparison, whose
 * ranks the ranking already holds: only a leader that also led then costs another reading.
 */
export async function leaderStreak(
	q: Queryable,
	input: StreakInput,
	ranking: Ranking
): Promise<number> {
	const leader = ranking.rows.find((r) => r.rank === 1)?.unit.code;
	if (!leader) return 0;
	const { query } = input;
	if (query.period.kind === 'custom') return 1;
	const cut: NamedPeriod =
		query.reading.to === query.period.to
			? query.period
			: { ...query.period, kind: 'custom', ...query.reading };
	const period = yearBefore(cut);
	if (query.compare?.from === period.from && query.compare.to === period.to) {
		const row = ranking.rows.find((r) => r.unit.code === leader)!;
		if (row.previousRank !== 1) return 1;
		return 1 + (await ledBack(q, input, leader, period));
	}
	return ledBack(q, input, leader, cut);
}

/** Periods in a row, each a year before the last, that `leader` led, counting back from `from`. */
async function ledBack(
	q: Queryable,
	input: StreakInput,
	leader: string,
	from: NamedPeriod
): Promise<number> {
	const { query } = input;
	let streak = 1;
	let period = from;
	while (streak <= LOOK_BACK) {
		period = yearBefore(period);
		const { ranking: before } = await rankBlock(q, {
			instrument: input.instrument,
			channel: query.channel,
			field: query.field,
			clean: query.clean,
			parent: input.parent,
			kind: input.kind,
			timeline: input.timeline,
			period: { from: period.from, to: period.to }
		});
		if (!before.rows.some((r) => r.rank === 1 && r.unit.code === leader)) break;
		streak++;
	}
	return streak;
}
