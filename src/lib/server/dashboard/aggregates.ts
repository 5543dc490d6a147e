import {
	meanOf,
	MIN_SAMPLE,
	pointChange,
	rank,
	rankChange,
	REFORM_POINTS,
	reformPoints,
	unitIndex,
	type UnitResult
} from '$lib/survey/indices';
import { indexStructure, type Instrument } from '$lib/survey/instruments';
import type { Unit, UnitKind } from '$lib/survey/units';
import type { Queryable } from '../db';
import * as dossiers from '../units/dossiers.repository';
import * as units from '../units/units.repository';
import { countsByUnit, merge, type Counts, type Period } from './counts';
import { flagsByUnit } from './flags';

export type { Counts, Period } from './counts';

export interface UnitIndices extends UnitResult {
	/** Respondents (responses) counted. */
	respondents: number;
}

export function indicesOf(instrument: Instrument, counts: Counts): UnitIndices {
	return {
		...unitIndex(indexStructure(instrument), counts.items),
		respondents: counts.respondents
	};
}

/** Who and what an aggregate reads: a unit (with its subtree) or a block, one questionnaire. */
export interface Selection {
	instrument: Instrument;
	period: Period;
	channel?: string;
	field?: string;
	/** Leave out the answers with a data-quality flag. */
	clean?: boolean;
}

/** The answer counts of a unit and every unit below it over a period. */
export async function unitCounts(
	q: Queryable,
	input: Selection & { unit: string; subtree?: readonly string[] }
): Promise<Counts> {
	const subtree = input.subtree ?? (await units.subtreeCodes(q, input.unit));
	const counts = await countsByUnit(q, {
		...input,
		units: subtree,
		instrument: input.instrument.code
	});
	return merge(counts.values());
}

/** The indices of a unit over a period: its own answers and those of every unit below it. */
export async function unitIndices(
	q: Queryable,
	input: Selection & { unit: string }
): Promise<UnitIndices> {
	return indicesOf(input.instrument, await unitCounts(q, input));
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
	/** The Slovin sample target where the unit's dossiers are known (see `dossiers.inPeriod`). */
	target: number | null;
	/** Fewer answers than the target, or than `MIN_SAMPLE` where no target is known. */
	small: boolean;
	/** Answers with a data-quality flag (counted in `n` unless the view leaves them out). */
	flagged: number;
	/** The points the index contributes to the administrative-reform index (`reformPoints`). */
	points: number | null;
}

export interface Ranking {
	rows: RankingRow[];
	/** The most points a unit's index can contribute to the administrative-reform index. */
	pointsMax: number;
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

export interface BlockInput extends Selection {
	parent: string;
	kind: UnitKind;
	compare?: Period;
	/**
	 * Counts per unit already read for the period and the compare period (covering at least
	 * the block's units): a dashboard reads its whole subtree once and ranks from that.
	 */
	counts?: { period: Map<string, Counts>; compare?: Map<string, Counts> };
}

/**
 * Ranks the units of one kind below `parent` (a block: "khối sở", "khối xã, phường") by
 * their index over a period, each unit with its own subtree, against a compare period.
 */
export async function ranking(q: Queryable, input: BlockInput): Promise<Ranking> {
	return (await rankBlock(q, input)).ranking;
}

/** The ranking, and each ranked unit's full indices over the period (for per-item tables). */
export async function rankBlock(
	q: Queryable,
	input: BlockInput
): Promise<{ ranking: Ranking; members: Map<string, UnitIndices> }> {
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
	const perMember = async (period: Period, read?: Map<string, Counts>) => {
		const counts =
			read ??
			(await countsByUnit(q, {
				// Only what the ranked units own: a department block never reads the communes.
				units: owned,
				instrument: input.instrument.code,
				period,
				channel: input.channel,
				field: input.field,
				clean: input.clean
			}));
		const grouped = new Map<string, Counts[]>();
		for (const [code, c] of counts) {
			const to = owner(code);
			if (to) grouped.set(to, [...(grouped.get(to) ?? []), c]);
		}
		return new Map([...grouped].map(([code, list]) => [code, merge(list)]));
	};
	const [current, previous] = await Promise.all([
		perMember(input.period, input.counts?.period),
		input.compare ? perMember(input.compare, input.counts?.compare) : new Map<string, Counts>()
	]);
	const indexOf = (counts: Counts | undefined) =>
		counts ? indicesOf(input.instrument, counts).index : null;
	const full = new Map(
		[...current].map(([code, counts]) => [code, indicesOf(input.instrument, counts)])
	);
	const [targets, flags] = await Promise.all([
		dossiers.targets(q, [...memberCodes], input.period),
		flagsByUnit(q, { ...input, instrument: input.instrument.code, units: owned })
	]);
	const flagged = new Map<string, number>();
	for (const [code, tally] of flags) {
		const to = owner(code);
		if (to) flagged.set(to, (flagged.get(to) ?? 0) + tally.total);
	}

	const precision = input.instrument.rules.rankPrecision;
	const pointsMax = input.instrument.rules.reformPoints ?? REFORM_POINTS;
	const now = rank(
		members.map((m) => ({ key: m.code, value: full.get(m.code)?.index ?? null })),
		precision
	);
	const before = new Map(
		rank(
			members.map((m) => ({ key: m.code, value: indexOf(previous.get(m.code)) })),
			precision
		).map((r) => [r.key, r])
	);
	const rows: RankingRow[] = members.map((m, i) => {
		const { value, rank: position } = now[i]!;
		const prior = before.get(m.code)!;
		const n = current.get(m.code)?.respondents ?? 0;
		const target = targets.get(m.code)?.target ?? null;
		return {
			unit: {
				code: m.code,
				name: m.name,
				kind: m.kind,
				validFrom: m.validFrom,
				validTo: m.validTo
			},
			index: value,
			n,
			rank: position,
			previousIndex: prior.value,
			previousRank: prior.rank,
			rankChange: rankChange(prior.rank, position),
			change: pointChange(prior.value, value),
			target,
			small: value !== null && n < (target ?? MIN_SAMPLE),
			flagged: flagged.get(m.code) ?? 0,
			points: reformPoints(value, pointsMax, precision)
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
	const result: Ranking = {
		rows,
		pointsMax,
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
	return { ranking: result, members: full };
}
