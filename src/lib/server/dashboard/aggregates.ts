import {
	meanOf,
	MIN_SAMPLE,
	pointChange,
	rank,
	rankChange,
	REFORM_POINTS,
	reformPoints,
	unitIndex,
	type LevelCounts,
	type UnitResult
} from '$lib/survey/indices';
import { indexStructure, type Instrument } from '$lib/survey/instruments';
import type { Unit, UnitKind } from '$lib/survey/units';
import type { Queryable } from '../db';
import * as dossiers from '../units/dossiers.repository';
import { coverage, type ComparedWith, type DatedUnit, type Timeline } from '$lib/survey/timeline';
import { byOwner, countsByOwner, flagsByOwner, timelineOf, type PieceCounts } from './attribution';
import { merge, type Counts, type Period } from './counts';
import type { FlagTally } from './flags';

export type { Counts, Period } from './counts';

export interface UnitIndices extends UnitResult {
	/** Respondents (responses) counted. */
	respondents: number;
}

export function indicesOf(
	instrument: Instrument,
	counts: Pick<Counts, 'respondents'> & { items: ReadonlyMap<string, LevelCounts> }
): UnitIndices {
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

/**
 * The answer counts of a unit and every unit below it over a period, as the tree stood each
 * day; on days before the unit existed, its predecessors' (a merged province, a new commune).
 */
export async function unitCounts(
	q: Queryable,
	input: Selection & { unit: string; timeline?: Timeline }
): Promise<Counts> {
	const timeline = input.timeline ?? (await timelineOf(q));
	const pieces = timeline.attribution([input.unit], input.period, true);
	const counts = await countsByOwner(q, filterOf(input), pieces);
	return counts.get(input.unit) ?? merge([]);
}

/** What a selection asks the counters for, whatever the units and period. */
export const filterOf = (input: Omit<Selection, 'period'>) => ({
	instrument: input.instrument.code,
	channel: input.channel,
	field: input.field,
	clean: input.clean
});

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
	/** The months of the period the unit existed in, where it did not exist for all of it. */
	coverage: { months: number; of: number } | null;
	/** Where the comparison value comes from when the unit did not exist for all of it. */
	comparedWith: ComparedWith | null;
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
	/** The tree through time, when the caller has it already. */
	timeline?: Timeline;
	/**
	 * A plan already made (`blockPlan`) and the counts read for its pieces, for the period and
	 * the compare period: a dashboard reads its whole subtree once and ranks from that.
	 */
	read?: {
		plan: BlockPlan;
		period: PieceCounts;
		compare?: PieceCounts;
		/** The flags of the plan's answers (`flagsByOwners`), and the members' sample targets. */
		flags: Map<string, FlagTally>;
		targets: Map<string, dossiers.SampleTarget>;
	};
}

/**
 * Who a block ranks over a period and whose answers count toward each: the units of the kind
 * that existed in the period below the parent as the tree stood (`Timeline.members`); in the
 * period itself each counts its own subtree only (old and new units side by side, each for
 * the months it existed), in the compare period a unit that did not exist yet takes its
 * predecessors' answers.
 */
export function blockPlan(timeline: Timeline, input: Omit<BlockInput, 'timeline' | 'read'>) {
	const members = timeline.members(input.parent, input.kind, input.period);
	const codes = members.map((m) => m.code);
	return {
		members,
		now: timeline.attribution(codes, input.period, false),
		then: input.compare ? timeline.attribution(codes, input.compare, true) : []
	};
}

export type BlockPlan = ReturnType<typeof blockPlan>;

/**
 * Ranks the units of one kind below `parent` (a block: "khối sở", "khối xã, phường") by
 * their index over a period, each unit with its own subtree, against a compare period.
 */
export async function ranking(q: Queryable, input: BlockInput): Promise<Ranking> {
	return (await rankBlock(q, input)).ranking;
}

/**
 * The ranking, and each ranked unit's full indices over the period and the compare period
 * (for the unit × element and unit × item tables).
 */
export async function rankBlock(
	q: Queryable,
	input: BlockInput
): Promise<{
	ranking: Ranking;
	members: Map<string, UnitIndices>;
	previous: Map<string, UnitIndices>;
	/** Each ranked unit's answer counts over the period (for indicators beyond the index). */
	counts: Map<string, Counts>;
}> {
	const timeline = input.timeline ?? (await timelineOf(q));
	const plan = input.read?.plan ?? blockPlan(timeline, input);
	const memberCodes = plan.members.map((m) => m.code);
	const filter = filterOf(input);
	const [current, previous] = await Promise.all([
		input.read ? byOwner(plan.now, input.read.period) : countsByOwner(q, filter, plan.now),
		input.compare
			? input.read?.compare
				? byOwner(plan.then, input.read.compare)
				: countsByOwner(q, filter, plan.then)
			: new Map<string, Counts>()
	]);
	const indices = (counts: Map<string, Counts>) =>
		new Map([...counts].map(([code, c]) => [code, indicesOf(input.instrument, c)]));
	const full = indices(current);
	const earlier = indices(previous);
	const [targets, flagged] = await Promise.all([
		input.read?.targets ?? dossiers.targets(q, memberCodes, input.period),
		input.read?.flags ?? flagsByOwner(q, filter, plan.now)
	]);

	const precision = input.instrument.rules.rankPrecision;
	const pointsMax = input.instrument.rules.reformPoints ?? REFORM_POINTS;
	const members = plan.members;
	const lastDay = (m: DatedUnit) =>
		m.validTo && m.validTo < input.period.to ? m.validTo : input.period.to;
	const now = rank(
		members.map((m) => ({ key: m.code, value: full.get(m.code)?.index ?? null })),
		precision
	);
	const before = new Map(
		rank(
			members.map((m) => ({ key: m.code, value: earlier.get(m.code)?.index ?? null })),
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
				// The name it had in the period (its last one there).
				name: timeline.versionAt(m.code, lastDay(m))?.name ?? m.name,
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
			flagged: flagged.get(m.code)?.total ?? 0,
			points: reformPoints(value, pointsMax, precision),
			coverage: coverage(m, input.period),
			comparedWith: input.compare ? timeline.comparedWith(m.code, input.compare) : null
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
	return { ranking: result, members: full, previous: earlier, counts: current };
}
