import { addCounts, type LevelCounts } from '$lib/survey/indices';
import { cover, increments, monthsOfYear, RESPONDENTS, WHOLE } from '$lib/survey/rollups';
import { channels, type AnswerValue, type Channel } from '$lib/survey/responses';
import type { Queryable } from '../db';
import * as responses from '../responses/responses.repository';
import * as counters from '../responses/counters.repository';
import { instrumentFor } from '../instruments/service';

/**
 * Answer counts, the only input of the index engine: from the rollup counters for whole
 * months and years, from the answers themselves for the edge days of a custom range and for
 * a service-field filter (the counters do not know the field: a free text would multiply them).
 */

export interface Period {
	from: string;
	to: string;
}

export interface Counts {
	items: Map<string, LevelCounts>;
	respondents: number;
}

/** What to count: units, questionnaire, period, and optionally one channel and service field. */
export interface CountFilter {
	/** Unit codes; `WHOLE` counts every answer, whatever its unit (the tree's own counters). */
	units: readonly string[];
	instrument: string;
	period: Period;
	channel?: string;
	/** The service field (the `field` answer), matched exactly. */
	field?: string;
	/** Only these items (the respondent count always comes along); all when absent. */
	items?: readonly string[];
	/** Leave out the answers with a data-quality flag (`flagged=exclude` in a view's address). */
	clean?: boolean;
}

const empty = (): Counts => ({ items: new Map(), respondents: 0 });

/** Adds counts into a map keyed by unit, month or group of respondents. */
export class Tally<K = string> {
	readonly by = new Map<K, Counts>();
	constructor(private readonly items?: ReadonlySet<string>) {}

	add(key: K, item: string, level: number, n: number) {
		if (item !== RESPONDENTS && this.items && !this.items.has(item)) return;
		let counts = this.by.get(key);
		if (!counts) this.by.set(key, (counts = empty()));
		if (item === RESPONDENTS) counts.respondents += n;
		else {
			let levels = counts.items.get(item) as Record<number, number> | undefined;
			if (!levels) counts.items.set(item, (levels = {}));
			levels[level] = (levels[level] ?? 0) + n;
		}
	}

	/**
	 * Adds the counts of an item's levels `first`, `first` + 1, … (zeros are left out): a
	 * counter row's eight levels for one lookup of the key and the item.
	 */
	addLevels(key: K, item: string, first: number, counts: readonly number[]) {
		if (item === RESPONDENTS) {
			// A respondent is counted at level 0, alone in its row.
			if (counts[0]) this.add(key, item, first, counts[0]);
			return;
		}
		if (this.items && !this.items.has(item)) return;
		let levels: Record<number, number> | undefined;
		for (let place = 0; place < counts.length; place++) {
			const n = counts[place]!;
			if (n === 0) continue;
			if (!levels) {
				let unit = this.by.get(key);
				if (!unit) this.by.set(key, (unit = empty()));
				levels = unit.items.get(item) as Record<number, number> | undefined;
				if (!levels) unit.items.set(item, (levels = {}));
			}
			levels[first + place] = (levels[first + place] ?? 0) + n;
		}
	}

	/**
	 * The counts without what added up to nothing (a month taken away from its year can cancel
	 * a level, an item or a whole unit out), as a read that sums in SQL leaves them.
	 */
	settled(): Map<K, Counts> {
		for (const [key, counts] of this.by) {
			for (const [item, counted] of counts.items) {
				const levels = counted as Record<number, number>; // this tally's own
				let kept = false;
				for (const level in levels) {
					if (levels[level] === 0) delete levels[level];
					else kept = true;
				}
				if (!kept) counts.items.delete(item);
			}
			if (counts.respondents === 0 && counts.items.size === 0) this.by.delete(key);
		}
		return this.by;
	}

	/** Counts raw answers, each under the keys `keysOf` gives it. */
	async answers<T extends { instrumentVersion: number; answers: Record<string, AnswerValue> }>(
		q: Queryable,
		instrument: string,
		rows: readonly T[],
		keysOf: (row: T) => readonly K[]
	) {
		for (const row of rows) {
			const definition = await instrumentFor(q, instrument, row.instrumentVersion);
			if (!definition) continue;
			const keys = keysOf(row);
			for (const { item, level, n } of increments(definition, row.answers))
				for (const key of keys) this.add(key, item, level, n);
		}
		return this.by;
	}
}

const itemSet = (items: readonly string[] | undefined) => (items ? new Set(items) : undefined);

/**
 * The pieces a period is counted from: whole years and months of the counters, and the raw
 * answers of the edge days (all of them, for a field filter).
 */
function pieces(q: Queryable, filter: CountFilter) {
	const { instrument, channel, clean } = filter;
	// The tree's own counters hold every unit's answers: so must the edge days.
	const units = filter.units.includes(WHOLE) ? null : filter.units;
	const base = { units, instrument, channel, clean };
	const { y, m, d, less } = filter.field
		? { y: [], m: [], d: [], less: [] }
		: cover(filter.period.from, filter.period.to);
	return {
		years: y,
		months: m,
		less,
		answers: responses.answersToCount(
			q,
			filter.field ? { ...base, ...filter.period, field: filter.field } : { ...base, days: d }
		)
	};
}

/** Answer counts per unit over an inclusive period. */
export async function countsByUnit(
	q: Queryable,
	filter: CountFilter
): Promise<Map<string, Counts>> {
	const { years, months, less, answers } = pieces(q, filter);
	const tally = new Tally(itemSet(filter.items));
	const add = tally.addLevels.bind(tally);
	// A year and the months it is read less are two reads, added up here: PostgreSQL summing
	// them took longer than both (a block of 617 communes, January–November: 175 ms).
	const [, , edges] = await Promise.all([
		counters.counts(q, { ...filter, years, months }, add),
		counters.counts(q, { ...filter, years: [], months: less, sign: -1 }, add),
		answers
	]);
	await tally.answers(q, filter.instrument, edges, edgeKeys(filter.units));
	return less.length ? tally.settled() : tally.by;
}

/** Whom an edge day's answer counts toward: its unit where asked, and the tree where asked. */
function edgeKeys(units: readonly string[]) {
	const asked = new Set(units);
	const whole = asked.has(WHOLE) ? [WHOLE] : [];
	return (edge: { unit: string }) => (asked.has(edge.unit) ? [edge.unit, ...whole] : whole);
}

/**
 * Respondents per channel and unit over an inclusive period (the channel shares): one read of
 * the counters for the four channels, each channel's counts as `countsByUnit` gives them for it.
 */
export async function respondentsByChannel(
	q: Queryable,
	filter: Omit<CountFilter, 'channel' | 'items'>
): Promise<Map<Channel, Map<string, Counts>>> {
	const { years, months, less, answers } = pieces(q, filter);
	const tallies = new Map(channels.map((channel) => [channel, new Tally(new Set<string>())]));
	const add = (unit: string, channel: Channel, n: number) =>
		tallies.get(channel)?.add(unit, RESPONDENTS, 0, n);
	const [, , edges] = await Promise.all([
		counters.respondentsByChannel(q, { ...filter, years, months }, add),
		counters.respondentsByChannel(q, { ...filter, years: [], months: less, sign: -1 }, add),
		answers
	]);
	const keys = edgeKeys(filter.units);
	const read = new Map<Channel, Map<string, Counts>>();
	for (const [channel, tally] of tallies) {
		const ofChannel = edges.filter((edge) => edge.channel === channel);
		await tally.answers(q, filter.instrument, ofChannel, keys);
		read.set(channel, less.length ? tally.settled() : tally.by);
	}
	return read;
}

/**
 * Answer counts per calendar month (`2025-07`) over a period, all units together: one read of
 * the month counters for the whole range instead of one per month. `WHOLE` goes alone (it
 * holds the others already).
 */
export async function countsByMonth(
	q: Queryable,
	filter: CountFilter
): Promise<Map<string, Counts>> {
	const { years, months, less, answers } = pieces(q, filter);
	const all = [...months, ...years.flatMap((y) => monthsOfYear(y.slice(0, 4)))];
	const [rows, edges] = await Promise.all([
		counters.countsByMonth(q, { ...filter, months: all.filter((m) => !less.includes(m)) }),
		answers
	]);
	const tally = new Tally(itemSet(filter.items));
	for (const row of rows) tally.add(row.month, row.item, row.level, row.n);
	return tally.answers(q, filter.instrument, edges, (edge) => [edge.day.slice(0, 7)]);
}

/** All the counts together. */
export function merge(list: Iterable<Counts>): Counts {
	const all = [...list];
	// Counts are not changed once counted: a unit that owns one piece (most of a block's, in
	// most periods) keeps its own instead of a copy.
	if (all.length === 1) return all[0]!;
	return {
		items: addCounts(...all.map((c) => c.items)),
		respondents: all.reduce((total, c) => total + c.respondents, 0)
	};
}
