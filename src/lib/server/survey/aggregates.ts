import {
	addCounts,
	meanOf,
	pointChange,
	rank,
	rankChange,
	unitIndex,
	type LevelCounts,
	type UnitResult
} from '$lib/survey/indices';
import { indexStructure, type Instrument } from '$lib/survey/instruments';
import { cover, increments, RESPONDENTS } from '$lib/survey/rollups';
import type { Unit, UnitKind } from '$lib/survey/units';
import type { Queryable } from '../db';
import * as responses from '../repositories/responses';
import * as rollups from '../repositories/rollups';
import * as units from '../repositories/units';
import { instrumentFor } from './instruments';

export interface Period {
	from: string;
	to: string;
}

export interface Counts {
	items: Map<string, LevelCounts>;
	respondents: number;
}

const empty = (): Counts => ({ items: new Map(), respondents: 0 });

/**
 * Answer counts per unit over an inclusive period: whole years and months from the rollup
 * counters, edge days from the answers themselves.
 */
export async function countsByUnit(
	q: Queryable,
	filter: { units: readonly string[]; instrument: string; period: Period; channel?: string }
): Promise<Map<string, Counts>> {
	const { y, m, d } = cover(filter.period.from, filter.period.to);
	const base = { units: filter.units, instrument: filter.instrument, channel: filter.channel };
	const [rows, edges] = await Promise.all([
		rollups.counts(q, { ...base, years: y, months: m }),
		responses.answersOnDays(q, { ...base, days: d })
	]);
	const byUnit = new Map<string, Counts>();
	const add = (unit: string, item: string, level: number, n: number) => {
		const counts = byUnit.get(unit) ?? empty();
		byUnit.set(unit, counts);
		if (item === RESPONDENTS) counts.respondents += n;
		else {
			const levels = (counts.items.get(item) ?? {}) as Record<number, number>;
			levels[level] = (levels[level] ?? 0) + n;
			counts.items.set(item, levels);
		}
	};
	for (const row of rows) add(row.unit, row.item, row.level, row.n);
	for (const edge of edges) {
		const instrument = await instrumentFor(q, filter.instrument, edge.instrumentVersion);
		if (!instrument) continue;
		for (const { item, level, n } of increments(instrument, edge.answers))
			add(edge.unit, item, level, n);
	}
	return byUnit;
}

function merge(list: Iterable<Counts>): Counts {
	const all = [...list];
	return {
		items: addCounts(...all.map((c) => c.items)),
		respondents: all.reduce((total, c) => total + c.respondents, 0)
	};
}

export interface UnitIndices extends UnitResult {
	/** Respondents (responses) counted. */
	respondents: number;
}

function indicesOf(instrument: Instrument, counts: Counts): UnitIndices {
	return {
		...unitIndex(indexStructure(instrument), counts.items),
		respondents: counts.respondents
	};
}

/** The indices of a unit over a period: its own answers and those of every unit below it. */
export async function unitIndices(
	q: Queryable,
	input: { unit: string; instrument: Instrument; period: Period; channel?: string }
): Promise<UnitIndices> {
	const subtree = await units.subtreeCodes(q, input.unit);
	const counts = await countsByUnit(q, {
		...input,
		units: subtree,
		instrument: input.instrument.code
	});
	return indicesOf(input.instrument, merge(counts.values()));
}

export interface RankingRow {
	unit: Pick<Unit, 'code' | 'name' | 'kind' | 'validFrom' | 'validTo'>;
	index: number | null;
	n: number;
	rank: number | null;
	previousIndex: number | null;
	previousRank: number | null;
	/** Positions gained (positive) or lost. */
	rankChange: number | null;
	/** Change in index points against the compare period. */
	change: number | null;
}

export interface Ranking {
	rows: RankingRow[];
	/** Mean of the indices of the units with data, and the pooled figure of all their answers. */
	average: {
		mean: number | null;
		pooled: number | null;
		previousMean: number | null;
		change: number | null;
	};
	withData: number;
	improved: number;
	mostImproved: RankingRow | null;
	top: RankingRow | null;
	bottom: RankingRow | null;
	gap: number | null;
	previousGap: number | null;
}

/**
 * Ranks the units of one kind below `parent` (a block: "khối sở", "khối xã, phường") by
 * their index over a period, each unit with its own subtree, against a compare period.
 */
export async function ranking(
	q: Queryable,
	input: {
		parent: string;
		kind: UnitKind;
		instrument: Instrument;
		period: Period;
		compare?: Period;
		channel?: string;
	}
): Promise<Ranking> {
	const subtree = await units.list(q, await units.subtreeCodes(q, input.parent));
	const members = subtree.filter((u) => u.kind === input.kind && u.code !== input.parent);
	// Each unit of the subtree counts toward the nearest ranked unit above it (or itself).
	const byCode = new Map(subtree.map((u) => [u.code, u]));
	const memberCodes = new Set(members.map((m) => m.code));
	const owner = (code: string): string | undefined => {
		for (
			let at = byCode.get(code);
			at;
			at = at.parentCode ? byCode.get(at.parentCode) : undefined
		) {
			if (memberCodes.has(at.code)) return at.code;
		}
		return undefined;
	};
	const owned = subtree.map((u) => u.code).filter((code) => owner(code) !== undefined);
	const perMember = async (period: Period) => {
		const counts = await countsByUnit(q, {
			// Only what the ranked units own: a department block never reads the communes.
			units: owned,
			instrument: input.instrument.code,
			period,
			channel: input.channel
		});
		const grouped = new Map<string, Counts[]>();
		for (const [code, c] of counts) {
			const to = owner(code);
			if (to) grouped.set(to, [...(grouped.get(to) ?? []), c]);
		}
		return new Map([...grouped].map(([code, list]) => [code, merge(list)]));
	};
	const current = await perMember(input.period);
	const previous = input.compare ? await perMember(input.compare) : new Map<string, Counts>();
	const indexOf = (counts: Counts | undefined) =>
		counts ? indicesOf(input.instrument, counts).index : null;

	const now = rank(members.map((m) => ({ key: m.code, value: indexOf(current.get(m.code)) })));
	const before = new Map(
		rank(members.map((m) => ({ key: m.code, value: indexOf(previous.get(m.code)) }))).map((r) => [
			r.key,
			r
		])
	);
	const rows: RankingRow[] = members.map((m, i) => {
		const { value, rank: position } = now[i]!;
		const prior = before.get(m.code)!;
		return {
			unit: {
				code: m.code,
				name: m.name,
				kind: m.kind,
				validFrom: m.validFrom,
				validTo: m.validTo
			},
			index: value,
			n: current.get(m.code)?.respondents ?? 0,
			rank: position,
			previousIndex: prior.value,
			previousRank: prior.rank,
			rankChange: rankChange(prior.rank, position),
			change: pointChange(prior.value, value)
		};
	});
	rows.sort(
		(a, b) =>
			(a.rank ?? Infinity) - (b.rank ?? Infinity) || a.unit.name.localeCompare(b.unit.name, 'vi')
	);
	const ranked = rows.filter((r) => r.index !== null);
	const previousRanked = rows.filter((r) => r.previousIndex !== null).map((r) => r.previousIndex!);
	const withChange = rows.filter((r) => r.change !== null);
	const mean = meanOf(ranked.map((r) => r.index));
	const previousMean = meanOf(previousRanked);
	return {
		rows,
		average: {
			mean,
			pooled: ranked.length ? indicesOf(input.instrument, merge(current.values())).index : null,
			previousMean,
			change: pointChange(previousMean, mean)
		},
		withData: ranked.length,
		improved: withChange.filter((r) => r.change! > 0).length,
		mostImproved: withChange.reduce<RankingRow | null>(
			(best, r) => (!best || r.change! > best.change! ? r : best),
			null
		),
		top: ranked[0] ?? null,
		bottom: ranked.at(-1) ?? null,
		gap: ranked.length ? ranked[0]!.index! - ranked.at(-1)!.index! : null,
		previousGap: previousRanked.length
			? Math.max(...previousRanked) - Math.min(...previousRanked)
			: null
	};
}

export type Bucket = 'month' | 'quarter' | 'year';

/** The buckets (inclusive periods) a range splits into: calendar months, quarters or years. */
export function buckets(period: Period, bucket: Bucket): (Period & { label: string })[] {
	const out: (Period & { label: string })[] = [];
	const months = bucket === 'month' ? 1 : bucket === 'quarter' ? 3 : 12;
	const [fy, fm] = period.from.split('-').map(Number) as [number, number];
	let start =
		bucket === 'year'
			? Date.UTC(fy, 0, 1)
			: Date.UTC(fy, Math.floor((fm - 1) / months) * months, 1);
	const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
	while (iso(start) <= period.to) {
		const d = new Date(start);
		const next = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1);
		const from = iso(Math.max(start, Date.parse(period.from)));
		const to = iso(Math.min(next - 86_400_000, Date.parse(period.to)));
		const year = d.getUTCFullYear();
		const label =
			bucket === 'year'
				? `${year}`
				: bucket === 'quarter'
					? `${year}-Q${d.getUTCMonth() / 3 + 1}`
					: iso(start).slice(0, 7);
		out.push({ from, to, label });
		start = next;
	}
	return out;
}

/** A unit's indices per month, quarter or year. */
export async function trend(
	q: Queryable,
	input: { unit: string; instrument: Instrument; period: Period; bucket: Bucket; channel?: string }
): Promise<
	{
		label: string;
		from: string;
		to: string;
		index: number | null;
		n: number;
		groups: { code: string; index: number | null }[];
	}[]
> {
	const subtree = await units.subtreeCodes(q, input.unit);
	const out = [];
	for (const b of buckets(input.period, input.bucket)) {
		const counts = merge(
			(
				await countsByUnit(q, {
					units: subtree,
					instrument: input.instrument.code,
					period: b,
					channel: input.channel
				})
			).values()
		);
		const result = indicesOf(input.instrument, counts);
		out.push({
			...b,
			index: result.index,
			n: result.respondents,
			groups: result.groups.map((g) => ({ code: g.code, index: g.index }))
		});
	}
	return out;
}
