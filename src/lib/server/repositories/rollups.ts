import type { Grain } from '$lib/survey/rollups';
import type { Queryable } from '../db';

export interface RollupDelta {
	unit_code: string;
	instrument_code: string;
	grain: Grain;
	period: string;
	channel: string;
	item: string;
	level: number;
	n: number;
}

/**
 * Adds deltas to the counters in one statement. Rows go in key order so that concurrent
 * batches lock counters in the same order and cannot deadlock.
 */
export async function add(q: Queryable, deltas: readonly RollupDelta[]): Promise<void> {
	if (deltas.length === 0) return;
	const column = <K extends keyof RollupDelta>(key: K) => deltas.map((delta) => delta[key]);
	await q.query(
		`insert into rollups as r (unit_code, instrument_code, grain, period, channel, item, level, n)
		select * from unnest($1::text[], $2::text[], $3::char(1)[], $4::date[], $5::text[], $6::text[],
			$7::smallint[], $8::int[]) as d (unit_code, instrument_code, grain, period, channel, item, level, n)
		order by unit_code, instrument_code, grain, period, channel, item, level
		on conflict (unit_code, instrument_code, grain, period, channel, item, level)
		do update set n = r.n + excluded.n`,
		[
			column('unit_code'),
			column('instrument_code'),
			column('grain'),
			column('period'),
			column('channel'),
			column('item'),
			column('level'),
			column('n')
		]
	);
}

export interface CountRow {
	unit: string;
	item: string;
	level: number;
	n: number;
}

/**
 * Answer counts per unit, item and level over whole years and whole months (see `cover`).
 * Reads counters, never answers.
 */
export async function counts(
	q: Queryable,
	filter: {
		units: readonly string[];
		instrument: string;
		years: readonly string[];
		months: readonly string[];
		channel?: string;
	}
): Promise<CountRow[]> {
	if (filter.years.length === 0 && filter.months.length === 0) return [];
	return q.query<CountRow>(
		`select unit_code as unit, item, level, sum(n)::int as n
		from rollups
		where unit_code = any($1::text[]) and instrument_code = $2
			and ($5::text is null or channel = $5)
			and ((grain = 'y' and period = any($3::date[])) or (grain = 'm' and period = any($4::date[])))
		group by unit_code, item, level
		having sum(n) <> 0`,
		[filter.units, filter.instrument, filter.years, filter.months, filter.channel ?? null]
	);
}

/** Every counter (for checks against a recount). */
export async function all(q: Queryable): Promise<RollupDelta[]> {
	return q.query<RollupDelta>(
		`select unit_code, instrument_code, grain, period, channel, item, level, n from rollups where n <> 0`
	);
}
