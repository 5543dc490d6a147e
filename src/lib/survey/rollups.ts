import { itemsOf, type Instrument } from './instruments';
import type { AnswerValue } from './responses';

/**
 * Rollup counters: for each (unit, period, instrument, channel, item, level) the number of
 * answers. Dashboards read these, never raw answers. Periods are whole months and whole
 * years, so a province-year reads one row per unit, item and level. The few edge days of a
 * custom range are counted from the answers themselves: a day grain would hold about one
 * counter row per answer at the density of a commune (a few responses a day), more rows
 * than the answers it summarises.
 *
 * Levels: an L3/L4/L5 answer is its level; "not applicable" is level 0; a choice is its
 * option's position (1-based); yes = 1, no = 2; each option picked in a multi counts once.
 * The respondent count is item `''`, level 0.
 */

export const RESPONDENTS = '';
export type Grain = 'm' | 'y';

/**
 * The tree's own counters: every answer, whatever its unit, counted a second time under this
 * pseudo-unit (no unit code can be `*`: see `unitCode`). A view of the whole province reads
 * its hundred-odd rows a period instead of every unit's: 69 120 rows for a year and twelve
 * times that for a trend at Hà Nội's 640 units (BENCHMARKS.md). Summing by the tree as it
 * stands would not do: the tree changes (the 2025 reorganisation), every answer does not.
 */
export const WHOLE = '*';

export interface Increment {
	item: string;
	level: number;
	n: number;
}

interface PlanItem {
	code: string;
	scale: 'level' | 'yesno' | 'choice' | 'multi';
	/** Option value → 1-based position. */
	positions: Map<string, number>;
}

/** How each countable item of an instrument is counted; made once per instrument version. */
const plans = new WeakMap<Instrument, PlanItem[]>();
function planOf(instrument: Instrument): PlanItem[] {
	let plan = plans.get(instrument);
	if (!plan) {
		plan = itemsOf(instrument).flatMap((item): PlanItem[] => {
			const positions = new Map((item.options ?? []).map((o, i) => [o.value, i + 1]));
			const scale =
				item.scale === 'L5' || item.scale === 'L4' || item.scale === 'L3'
					? 'level'
					: item.scale === 'yesno' || item.scale === 'choice' || item.scale === 'multi'
						? item.scale
						: undefined;
			return scale ? [{ code: item.code, scale, positions }] : [];
		});
		plans.set(instrument, plan);
	}
	return plan;
}

/** What one response adds (or, with `sign` −1, takes away) per item and level. */
export function increments(
	instrument: Instrument,
	answers: Readonly<Record<string, AnswerValue>>,
	sign: 1 | -1 = 1
): Increment[] {
	const out: Increment[] = [{ item: RESPONDENTS, level: 0, n: sign }];
	for (const { code, scale, positions } of planOf(instrument)) {
		const value = answers[code];
		if (value === undefined || value === null) continue;
		if (value === 'NA') out.push({ item: code, level: 0, n: sign });
		else if (scale === 'level') out.push({ item: code, level: value as number, n: sign });
		else if (scale === 'yesno') out.push({ item: code, level: value ? 1 : 2, n: sign });
		else if (scale === 'choice')
			out.push({ item: code, level: positions.get(value as string) ?? 0, n: sign });
		else if (Array.isArray(value)) {
			for (const v of value) out.push({ item: code, level: positions.get(v) ?? 0, n: sign });
		}
	}
	return out;
}

/** The month and year periods a Vietnam day falls in (periods are their first day). */
export function periodsOf(day: string): { grain: Grain; period: string }[] {
	return [
		{ grain: 'm', period: `${day.slice(0, 7)}-01` },
		{ grain: 'y', period: `${day.slice(0, 4)}-01-01` }
	];
}

/** The period of one grain a Vietnam day falls in. */
const periodOf = (day: string, grain: Grain) =>
	periodsOf(day).find((p) => p.grain === grain)!.period;

const addDays = (day: string, n: number) => {
	const date = new Date(`${day}T00:00:00Z`);
	date.setUTCDate(date.getUTCDate() + n);
	return date.toISOString().slice(0, 10);
};
const lastOfMonth = (day: string) => addDays(`${nextMonth(day)}`, -1);
function nextMonth(day: string): string {
	const [y, m] = day.split('-').map(Number) as [number, number];
	return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

export interface Cover {
	y: string[];
	m: string[];
	d: string[];
	/** Months taken away from the years: January–November is read as its year less December. */
	less: string[];
}

/**
 * The fewest periods that exactly cover the inclusive range `from`–`to` (ISO days): whole
 * years where they fit, then whole months, then single days at the edges. Where a range
 * holds seven or more whole months of a year, it reads the year less the other months: at a
 * province of 640 units every period is 69 120 counters, and January–November is two
 * periods instead of eleven.
 */
export function cover(from: string, to: string): Cover {
	const out: Cover = { y: [], m: [], d: [], less: [] };
	let day = from;
	while (day <= to) {
		const yearEnd = `${day.slice(0, 4)}-12-31`;
		if (day.endsWith('-01-01') && yearEnd <= to) {
			out.y.push(day);
			day = addDays(yearEnd, 1);
		} else if (day.endsWith('-01') && lastOfMonth(day) <= to) {
			out.m.push(day);
			day = nextMonth(day);
		} else {
			out.d.push(day);
			day = addDays(day, 1);
		}
	}
	const years = new Set(out.m.map((month) => month.slice(0, 4)));
	for (const year of years) {
		const months = out.m.filter((month) => month.startsWith(year));
		if (months.length < 7) continue;
		out.y.push(`${year}-01-01`);
		out.m = out.m.filter((month) => !month.startsWith(year));
		out.less.push(...monthsOfYear(year).filter((month) => !months.includes(month)));
	}
	out.y.sort();
	return out;
}

/** The twelve months of a year (`2025`), as their first days. */
export const monthsOfYear = (year: string) =>
	Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}-01`);

/** What a response contributes to the counters: where, when and its answers. */
export interface CountedRow {
	unit_code: string;
	instrument_code: string;
	channel: string;
	/** Its Vietnam day, `YYYY-MM-DD`. */
	day: string;
	answers: Readonly<Record<string, AnswerValue>>;
}

/** A change to one counter: the key in the counters' own column names, and how much. */
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

/** The counts of one counter period of one unit, questionnaire and channel: per item, per level. */
interface Bucket {
	unit_code: string;
	instrument_code: string;
	channel: string;
	grain: Grain;
	period: string;
	items: Map<string, number[]>;
}

/** Adds `n` to an item's count of a level. */
function addLevel(items: Map<string, number[]>, item: string, level: number, n: number) {
	let levels = items.get(item);
	if (!levels) items.set(item, (levels = []));
	levels[level] = (levels[level] ?? 0) + n;
}

/**
 * Sums what responses add to (sign 1) or take from (sign -1) the counters, per counter key:
 * under the answer's unit and under the tree's own `WHOLE`. Ingest, corrections, review, the
 * demo loader and the tests' recount all count through it.
 *
 * A response is counted once, into its unit's month, level by level in an array per item;
 * the years are summed from the months and the tree's own counters from the units'. Each
 * delta is written out as a literal: made by spreading another object (`{ ...delta, unit_code }`)
 * the 3 500 deltas of a batch of 500 took 8.5 ms, now 1.3 (BENCHMARKS.md).
 */
export function rollupDeltas(
	entries: readonly {
		row: CountedRow;
		instrument: Instrument;
		sign?: 1 | -1;
	}[]
): RollupDelta[] {
	const buckets = new Map<string, Bucket>();
	const bucketOf = (of: Omit<Bucket, 'items'>) => {
		const key = `${of.unit_code}\u0001${of.instrument_code}\u0001${of.channel}\u0001${of.grain}${of.period}`;
		let bucket = buckets.get(key);
		if (!bucket) buckets.set(key, (bucket = { ...of, items: new Map() }));
		return bucket;
	};
	for (const { row, instrument, sign = 1 } of entries) {
		const { unit_code, instrument_code, channel } = row;
		const period = periodOf(row.day, 'm');
		const { items } = bucketOf({ unit_code, instrument_code, channel, grain: 'm', period });
		for (const { item, level, n } of increments(instrument, row.answers, sign))
			addLevel(items, item, level, n);
	}
	const into = (bucket: Bucket, from: Bucket) => {
		for (const [item, counts] of from.items)
			counts.forEach((n, level) => addLevel(bucket.items, item, level, n));
	};
	for (const month of [...buckets.values()])
		into(bucketOf({ ...month, grain: 'y', period: periodOf(month.period, 'y') }), month);
	for (const bucket of [...buckets.values()])
		into(bucketOf({ ...bucket, unit_code: WHOLE }), bucket);
	const deltas: RollupDelta[] = [];
	for (const { unit_code, instrument_code, channel, grain, period, items } of buckets.values())
		for (const [item, counts] of items)
			counts.forEach((n, level) => {
				if (n === 0) return;
				deltas.push({ unit_code, instrument_code, grain, period, channel, item, level, n });
			});
	return deltas;
}
