import type { Locale } from '$lib/i18n';
import type { DashboardQuery } from '$lib/survey/dashboard';
import { pointChange, respondentInterval, type ItemResult } from '$lib/survey/indices';
import { itemsOf, type Instrument, type Localized } from '$lib/survey/instruments';
import { summaryFacts, type SummaryFacts } from '$lib/survey/summary';
import type { Unit, UnitKind } from '$lib/survey/units';
import type { Queryable } from '../db';
import * as dossiers from '../units/dossiers.repository';
import { coverage } from '$lib/survey/timeline';
import { PERCEPTION_ITEMS, perceptionOf, type Perception } from '$lib/survey/perception';
import { blockPlan, filterOf, indicesOf, rankBlock, type Ranking } from './aggregates';
import { byOwner, channelShares, flagsByOwners, readPieces, timelineOf } from './attribution';
import { leaderStreak } from './streak';
import { blockOf, itemRows } from './tables';
import { trend } from './trend';
import type { Channel } from '$lib/survey/channels';
import { merge, type Period } from './counts';
import { noFlags, type FlagTally } from './flags';

/**
 * Everything the dashboard of one unit shows for a period, from the counters and the index
 * engine: headline, elements, items with their answer distribution, a monthly trend, and
 * the ranking and per-item table of one block of the units below it.
 */

export interface Headline {
	index: number | null;
	/** Respondents. */
	n: number;
	previousIndex: number | null;
	change: number | null;
	/**
	 * The satisfied share of all answers to indexed items, with its 95 % interval counting each
	 * respondent once (`respondentInterval`).
	 */
	share: { satisfied: number; n: number; ci: [number, number] | null };
	/** The unit's Slovin target, where its dossiers are known for the period. */
	sample: { dossiers: number; target: number } | null;
	/** Answers with a data-quality flag, in all and per kind. */
	flagged: FlagTally;
	/** Respondents per channel (the channel shares), when the view reads every channel. */
	channels: { channel: Channel; n: number }[];
}

export interface ElementRow {
	code: string;
	title: Localized;
	index: number | null;
	n: number;
	previousIndex: number | null;
	change: number | null;
}

export interface ItemRow extends ItemResult {
	group: string;
	text: Localized;
	/** Answers per level, 1 first. */
	levels: number[];
	/** "Not applicable" answers (outside the index). */
	na: number;
	previousIndex: number | null;
}

export interface TrendPoint {
	label: string;
	index: number | null;
	n: number;
	groups: { code: string; index: number | null }[];
}

export interface BlockView {
	kind: UnitKind;
	ranking: Ranking;
	/** Periods in a row the leader has led the block, this one included (`leaderStreak`). */
	leaderStreak: number;
	/**
	 * Per ranked unit, in ranking order: its element (group) indices in the questionnaire's
	 * order, and its item indices. Publications before 2026-12 hold no `groups`.
	 */
	heatmap: {
		code: string;
		name: string;
		index: number | null;
		groups?: (number | null)[];
		/** The unit's rank in the block on each element. */
		groupRanks?: (number | null)[];
		/** The unit's perception indicators. Publications before 2026-12 hold none. */
		perception?: Perception;
		items: (number | null)[];
	}[];
	/**
	 * Per element (group), the block's average: the mean of its units' element indices, against
	 * the compare period. Publications before 2026-12 hold none.
	 */
	elements?: {
		code: string;
		mean: number | null;
		previousMean: number | null;
		change: number | null;
	}[];
}

export interface DashboardData {
	headline: Headline;
	elements: ElementRow[];
	items: ItemRow[];
	trend: TrendPoint[];
	/** The kinds of unit below this one, each a block that can be ranked. */
	blocks: UnitKind[];
	block: BlockView | null;
	summary: SummaryFacts | null;
	/**
	 * The units this one was formed from, by name, when it did not exist for all of the period:
	 * their answers stand in for the days before it (`Timeline.attribution`).
	 */
	formedFrom: string[];
	/** The unit's perception indicators over the period (`perception.ts`). */
	perception: Perception;
}

const blockOrder: UnitKind[] = ['department', 'commune', 'district'];

/** The months of the year up to the end of the period (at least the period itself). */
export function trendWindow(query: DashboardQuery): Period {
	const end = query.reading.to;
	const [y, m] = end.split('-').map(Number) as [number, number];
	const start = new Date(Date.UTC(y, m - 12, 1)).toISOString().slice(0, 10);
	return { from: start < query.reading.from ? start : query.reading.from, to: end };
}

export async function loadDashboard(
	q: Queryable,
	query: DashboardQuery,
	unit: Unit,
	instrument: Instrument,
	locale: Locale
): Promise<DashboardData> {
	const timeline = await timelineOf(q);
	const reading = timeline.attribution([unit.code], query.reading, true);
	const earlier = query.compare ? timeline.attribution([unit.code], query.compare, true) : [];
	const blocks = blockOrder.filter(
		(kind) => timeline.members(unit.code, kind, query.reading).length > 0
	);
	const kind = query.block && blocks.includes(query.block) ? query.block : blocks[0];
	const selection = { instrument, channel: query.channel, field: query.field, clean: query.clean };
	// The index needs the indexed items only: context and demographics stay unread.
	// The index needs the indexed items, the perception indicators five context items: the
	// rest (demographics, the service field) stays unread.
	const items = itemsOf(instrument)
		.filter((item) => item.indexed || (PERCEPTION_ITEMS as readonly string[]).includes(item.code))
		.map((item) => item.code);
	const filter = { ...filterOf(selection), items };
	const plan = kind
		? blockPlan(timeline, {
				...selection,
				parent: unit.code,
				kind,
				period: query.reading,
				compare: query.compare ?? undefined
			})
		: undefined;

	// Each period is read once for the unit and its block: the headline adds up what the unit
	// owns, the ranking groups it by block member. So are its flags and sample targets.
	const memberCodes = plan?.members.map((m) => m.code) ?? [];
	const [nowRead, beforeRead, months, targets, [flags, blockFlags], channels] = await Promise.all([
		readPieces(q, filter, reading, ...(plan ? [plan.now] : [])),
		query.compare ? readPieces(q, filter, earlier, ...(plan ? [plan.then] : [])) : undefined,
		trend(q, {
			...selection,
			unit: unit.code,
			period: trendWindow(query),
			bucket: 'month',
			items,
			timeline
		}),
		dossiers.targets(q, [unit.code, ...memberCodes], query.reading),
		flagsByOwners(q, filter, reading, ...(plan ? [plan.now] : [])),
		query.channel ? [] : channelShares(q, filter, reading, unit.code)
	]);
	const block = kind
		? await rankBlock(q, {
				...selection,
				parent: unit.code,
				kind,
				period: query.reading,
				compare: query.compare ?? undefined,
				timeline,
				read: plan && {
					plan,
					period: nowRead,
					compare: beforeRead,
					flags: blockFlags ?? new Map(),
					targets
				}
			})
		: undefined;
	const now = byOwner(reading, nowRead).get(unit.code) ?? merge([]);
	const before = beforeRead && (byOwner(earlier, beforeRead).get(unit.code) ?? merge([]));

	const current = indicesOf(instrument, now);
	const previous = before ? indicesOf(instrument, before) : undefined;
	const groupTitles = new Map(instrument.parts.flatMap((p) => p.groups.map((g) => [g.code, g])));
	const elements: ElementRow[] = current.groups.map((g, i) => {
		const prior = previous?.groups[i]?.index ?? null;
		return {
			code: g.code,
			title: groupTitles.get(g.code)!.title,
			index: g.index,
			n: g.n,
			previousIndex: prior,
			change: pointChange(prior, g.index)
		};
	});
	const satisfied = current.items.reduce((total, item) => total + item.satisfied, 0);
	const answered = current.items.reduce((total, item) => total + item.n, 0);
	const headline: Headline = {
		index: current.index,
		n: current.respondents,
		previousIndex: previous?.index ?? null,
		change: pointChange(previous?.index ?? null, current.index),
		share: {
			satisfied,
			n: answered,
			ci: respondentInterval(satisfied, answered, current.respondents)
		},
		sample: targets.get(unit.code) ?? null,
		flagged: flags?.get(unit.code) ?? noFlags(),
		channels
	};

	const blockView =
		block && kind
			? blockOf(
					kind,
					block,
					instrument,
					await leaderStreak(
						q,
						{ query, parent: unit.code, kind, instrument, timeline },
						block.ranking
					)
				)
			: null;
	return {
		headline,
		elements,
		items: itemRows(instrument, now, current.items, previous?.items),
		trend: months.map((m) => ({ label: m.label, index: m.index, n: m.n, groups: m.groups })),
		blocks,
		block: blockView,
		summary: summaryOf({ block: blockView, elements }, locale),
		perception: perceptionOf(instrument, now),
		formedFrom: coverage(timeline.units.get(unit.code)!, query.reading)
			? timeline.predecessors(unit.code).map((code) => timeline.units.get(code)!.name)
			: []
	};
}

/** The facts the summary states about a block, its element titles in `locale`. */
export function summaryOf(
	data: Pick<DashboardData, 'block' | 'elements'>,
	locale: Locale
): SummaryFacts | null {
	if (!data.block) return null;
	const { rows, average } = data.block.ranking;
	// The block's own element averages; the unit's pooled elements where a publication
	// predates them.
	const blockElements = new Map(data.block.elements?.map((e) => [e.code, e]));
	return summaryFacts({
		units: rows.map((r) => ({ ...r, name: r.unit.name })),
		average: average.mean,
		previousAverage: average.previousMean,
		elements: data.elements.map((e) => {
			const own = blockElements.get(e.code);
			return {
				...e,
				title: e.title[locale],
				...(own && { index: own.mean, previousIndex: own.previousMean })
			};
		}),
		leaderStreak: data.block.leaderStreak
	});
}
