import { channels, type Channel } from '$lib/survey/responses';
import { RESPONDENTS, type Grain } from '$lib/survey/rollups';
import type { Queryable } from '../db';
import { packedLines, packedRows } from '../db/packed';
import { countColumn, LEVELS_PER_ROW } from './rollups.repository';

/**
 * Reading the rollup counters (`rollups.repository.ts` writes them): answer counts per unit,
 * item and level, per month, and respondents per channel, over whole years and months. A view
 * without flagged answers reads `rollups` less `flagged_rollups`. A counter row holds eight
 * levels (`block` × 8 + 0 … 7): reads give their eight counts `n0` … `n7` and the levels with
 * a count are handed on.
 */

/** The places of a row's levels, 0 … 7. */
const places = Array.from({ length: LEVELS_PER_ROW }, (_, place) => place);

/** A count a read gives: its name in the result, and how it is counted from a row. */
interface Count {
	name: string;
	sql: string;
}

/** Per place, `n0` … `n7`, the count of one channel or of all of them (checked against the list). */
function countsOf(channel: string | undefined, sign: 1 | -1 = 1): Count[] {
	if (channel !== undefined && !(channels as readonly string[]).includes(channel))
		throw new Error(`no channel ${channel}`);
	const some = channel === undefined ? channels : [channel as Channel];
	return places.map((place) => ({
		name: `n${place}`,
		sql: `${sign === -1 ? '-' : ''}(${some.map((c) => countColumn(c, place)).join(' + ')})`
	}));
}

/**
 * The counter rows to read: all answers, or (`clean`) all less the flagged ones, as rows of
 * the same shape whose counts the caller adds up.
 */
function counters(clean: boolean | undefined, columns: string, counts: Count[], where: string) {
	const select = (table: string, sign: string) =>
		`select ${columns}, ${counts.map((c) => `${sign}(${c.sql}) as ${c.name}`).join(', ')} from ${table} where ${where}`;
	return clean
		? `(${select('rollups', '')} union all ${select('flagged_rollups', '-')})`
		: `(${select('rollups', '')})`;
}

/** The counts `n0` … `n7` of a read, summed. */
const summed = places.map((place) => `sum(n${place})::int as n${place}`).join(', ');
const named = places.map((place) => `n${place}`);

const itemsParam = (items: readonly string[] | undefined) =>
	items ? [RESPONDENTS, ...items] : null;

/**
 * Keeps the items of `param` (all when it is null) among the rows an index range gives, never as
 * part of the range: PostgreSQL 15 takes `item = any(…)` into the index condition, one descent of
 * the index per unit and item (618 × 22 for a block of communes), and then reckons a scan of
 * every counter cheaper. A month of that block took 65–107 ms so, 24–30 ms this way (10.2 M
 * answers; `item || ''` is not the indexed column, so it stays a filter).
 */
const itemFilter = (param: string) =>
	`(${param}::text[] is null or item || '' = any(${param}::text[]))`;

export interface CountRow {
	unit: string;
	item: string;
	level: number;
	n: number;
}

/** What a read counts: which counters, and whether flagged answers stay out (`clean`). */
interface Read {
	units: readonly string[];
	instrument: string;
	channel?: string;
	/** Only these items (and the respondent count); all when absent. */
	items?: readonly string[];
	/** Leave out the answers with a data-quality flag. */
	clean?: boolean;
}

type CountsRead = Read & {
	years: readonly string[];
	months: readonly string[];
	/** -1 to take the counts away (the months a year is read less, `cover`). */
	sign?: 1 | -1;
};

/** A read of more units than this is made in two halves at once (`counts`). */
export const HALVED_ABOVE = 200;

/**
 * Gets a counter row's counts: a unit's counts of an item's levels `first` … `first` + 7, in
 * order, zero where none (the array is reused: read it, do not keep it).
 */
export type AddLevels = (
	unit: string,
	item: string,
	first: number,
	counts: readonly number[]
) => void;

/**
 * Answer counts per unit, item and level over whole years and whole months (see `cover`),
 * each counter row given to `add` as it is read: a block of 617 communes is ~12 000 of them a
 * period, and an object apiece cost more than the counting. Reads counters, never answers.
 *
 * A read of many units goes in two halves, each on its own connection: PostgreSQL reads one
 * half on each core while the first half's lines are counted here. The communes' ranking at
 * 10.2 M answers: p50 77–89 → 50–62 ms; four dashboards at once read as many a second as
 * before (9–11), so it costs no throughput (BENCHMARKS.md). In a transaction the halves run
 * one after the other, as any two reads do.
 */
export async function counts(q: Queryable, filter: CountsRead, add: AddLevels): Promise<void> {
	const { units } = filter;
	if (units.length <= HALVED_ABOVE) return readCounts(q, filter, add);
	const half = Math.ceil(units.length / 2);
	await Promise.all(
		[units.slice(0, half), units.slice(half)].map((part) =>
			readCounts(q, { ...filter, units: part }, add)
		)
	);
}

async function readCounts(q: Queryable, filter: CountsRead, add: AddLevels): Promise<void> {
	if (filter.years.length === 0 && filter.months.length === 0) return;
	const counts = countsOf(filter.channel, filter.sign);
	// One index range per grain, added up: an `or` across the two grains makes the planner
	// scan the whole table (84 k rows for a province-year instead of 5 k). A grain with no
	// period is left out, not asked for with an empty list: PostgreSQL may plan that as a
	// scan of every counter (55 ms at 834 000 counters for no row, in every year's read).
	const params: unknown[] = [filter.units, filter.instrument, itemsParam(filter.items)];
	const grain = (code: Grain, periods: readonly string[]) => {
		if (periods.length === 0) return [];
		params.push(periods);
		return counters(
			filter.clean,
			'unit_code, item, block',
			counts,
			`instrument_code = $2 and grain = '${code}' and period = any($${params.length}::date[])
			and unit_code = any($1::text[]) and ${itemFilter('$3')}`
		);
	};
	const read = [grain('y', filter.years), grain('m', filter.months)].flat().join(' union all ');
	// One period read whole has one row a key: grouping it only costs (a province-year of
	// 620 communes, 69 120 rows: 82 → 28 ms).
	const single = filter.years.length + filter.months.length === 1 && !filter.clean;
	await packedLines(
		q,
		single
			? `select unit_code, item, block, ${named.join(', ')} from ${read} as counters`
			: `select unit_code, item, block, ${summed} from (${read}) as counters
				group by unit_code, item, block`,
		params,
		['unit_code', 'item', 'block', ...named],
		// The block as text: one string for a read's every row of block 0.
		({ field, number }) => add(field[0]!, field[1]!, Number(field[2]) * LEVELS_PER_ROW, number),
		3
	);
}

/** Answer counts per month (`2025-07`), item and level over all the units given. */
export async function countsByMonth(
	q: Queryable,
	filter: Read & { months: readonly string[] }
): Promise<(Omit<CountRow, 'unit'> & { month: string })[]> {
	if (filter.months.length === 0) return [];
	const read = counters(
		filter.clean,
		'period, item, block',
		countsOf(filter.channel),
		`instrument_code = $2 and grain = 'm' and period = any($3::date[])
			and unit_code = any($1::text[]) and ${itemFilter('$4')}`
	);
	const rows = await packedRows<{ month: string; item: string; block: number; n: number[] }>(
		q,
		`select to_char(period, 'YYYY-MM') as month, item, block, array[${named.map((n) => `sum(${n})::int`).join(', ')}] as n
		from ${read} as counters
		group by period, item, block`,
		[filter.units, filter.instrument, filter.months, itemsParam(filter.items)]
	);
	return rows.flatMap(({ month, item, block, n }) =>
		places
			.filter((place) => n[place] !== 0)
			.map((place) => ({ month, item, level: block * LEVELS_PER_ROW + place, n: n[place]! }))
	);
}

/**
 * Respondents per unit and channel over whole years and whole months (see `cover`), each given
 * to `add` as it is read: the channel shares in one read where a read per channel took four.
 */
export async function respondentsByChannel(
	q: Queryable,
	filter: Omit<CountsRead, 'channel' | 'items'>,
	add: (unit: string, channel: Channel, n: number) => void
): Promise<void> {
	if (filter.years.length === 0 && filter.months.length === 0) return;
	const minus = filter.sign === -1 ? '-' : '';
	const params: unknown[] = [filter.units, filter.instrument];
	const grain = (code: Grain, periods: readonly string[]) => {
		if (periods.length === 0) return [];
		params.push(periods);
		// A respondent is counted at level 0: the first place of the first row.
		return counters(
			filter.clean,
			'unit_code',
			channels.map((c) => ({ name: c, sql: `${minus}${countColumn(c, 0)}` })),
			`instrument_code = $2 and grain = '${code}' and period = any($${params.length}::date[])
			and unit_code = any($1::text[]) and item = '${RESPONDENTS}' and block = 0`
		);
	};
	const read = [grain('y', filter.years), grain('m', filter.months)].flat().join(' union all ');
	const each = channels.map((c) => `('${c}', ${c})`).join(', ');
	await packedLines(
		q,
		`select unit_code, c.channel, sum(c.n)::int as n
		from (${read}) as counters, lateral (values ${each}) as c (channel, n)
		group by unit_code, c.channel having sum(c.n) <> 0`,
		params,
		['unit_code', 'channel', 'n'],
		({ field }) => add(field[0]!, field[1] as Channel, Number(field[2]))
	);
}
