/**
 * The facts of the yearly announcement ("Chỉ số SIPAS trung bình của khối sở 88,46 %, tăng 2,73 điểm;
 * 18/22 đơn vị tăng…"), drawn from a ranking and the element indices. Pure numbers, unrounded:
 * `$lib/i18n/summary` turns them into sentences in either language.
 */

export interface SummaryUnit {
	name: string;
	index: number | null;
	previousIndex: number | null;
	rank: number | null;
	previousRank: number | null;
	/** Respondents in the period. */
	n?: number;
	/** Compared with its predecessors' answers, or new with nothing to compare (the 2025 reform). */
	comparedWith?: 'predecessors' | 'new' | null;
}

export interface SummaryElement {
	code: string;
	title: string;
	index: number | null;
	previousIndex: number | null;
}

export interface SummaryInput {
	/** The block's units, ranked (any order). */
	units: readonly SummaryUnit[];
	/** The block average (unweighted mean of the unit indices) now and in the compare period. */
	average: number | null;
	previousAverage: number | null;
	/** The scope's element (group) indices now and in the compare period. */
	elements: readonly SummaryElement[];
	/** Periods in a row the leader has led the block, this one included (1 when unknown). */
	leaderStreak?: number;
}

export interface Climb {
	name: string;
	points: number | null;
	from: number | null;
	to: number | null;
}

export interface SummaryFacts {
	withData: number;
	/** Respondents across the block's units in the period. */
	respondents: number;
	average: number | null;
	averageChange: number | null;
	/** Units with an index in both periods, and how many of them rose. */
	comparable: number;
	improved: number;
	/** The unit that gained most points, with its move in rank. */
	mostImproved: Climb | null;
	/** The unit that climbed most places, when that is another unit. */
	biggestClimb: Climb | null;
	top: { name: string; index: number }[];
	/** Periods in a row the first of `top` has led, this one included. */
	leaderStreak: number;
	bottom: { name: string; index: number } | null;
	gap: number | null;
	previousGap: number | null;
	/** Units above 90 % and above 95 %, and the names of the latter (highest first). */
	above90: number;
	above95: number;
	above95Names: string[];
	/** Elements that rose (largest first) and fell (largest fall first), in points. */
	rose: { title: string; points: number }[];
	fell: { title: string; points: number }[];
	/** Units formed in a reorganisation: compared with their predecessors, and new ones. */
	reformed: { predecessors: number; fresh: number };
}

const change = (before: number | null, now: number | null) =>
	before === null || now === null ? null : now - before;

const spread = (values: number[]) =>
	values.length ? Math.max(...values) - Math.min(...values) : null;

/** Draws the announcement's facts from the ranked block and the elements. */
export function summaryFacts(input: SummaryInput): SummaryFacts {
	const ranked = input.units
		.filter((u): u is SummaryUnit & { index: number } => u.index !== null)
		.toSorted((a, b) => b.index - a.index || a.name.localeCompare(b.name, 'vi'));
	const comparable = ranked.filter((u) => u.previousIndex !== null);
	const climbOf = (u: SummaryUnit): Climb => ({
		name: u.name,
		points: change(u.previousIndex, u.index),
		from: u.previousRank,
		to: u.rank
	});
	const best = comparable.reduce<SummaryUnit | null>(
		(top, u) => (!top || u.index! - u.previousIndex! > top.index! - top.previousIndex! ? u : top),
		null
	);
	const places = (u: SummaryUnit) =>
		u.previousRank === null || u.rank === null ? 0 : u.previousRank - u.rank;
	const climber = comparable.reduce<SummaryUnit | null>(
		(top, u) => (places(u) > 0 && (!top || places(u) > places(top)) ? u : top),
		null
	);
	const elementChanges = input.elements.flatMap((e) => {
		const points = change(e.previousIndex, e.index);
		return points === null || points === 0 ? [] : [{ title: e.title, points }];
	});
	const previous = input.units.flatMap((u) => (u.previousIndex === null ? [] : [u.previousIndex]));
	return {
		withData: ranked.length,
		respondents: input.units.reduce((sum, u) => sum + (u.n ?? 0), 0),
		average: input.average,
		averageChange: change(input.previousAverage, input.average),
		comparable: comparable.length,
		improved: comparable.filter((u) => u.index > u.previousIndex!).length,
		mostImproved: best && best.index! > best.previousIndex! ? climbOf(best) : null,
		biggestClimb: climber && climber !== best ? climbOf(climber) : null,
		top: ranked.slice(0, 3).map((u) => ({ name: u.name, index: u.index })),
		leaderStreak: ranked.length ? (input.leaderStreak ?? 1) : 0,
		bottom: ranked.length > 1 ? { name: ranked.at(-1)!.name, index: ranked.at(-1)!.index } : null,
		gap: spread(ranked.map((u) => u.index)),
		previousGap: spread(previous),
		above90: ranked.filter((u) => u.index > 90).length,
		above95: ranked.filter((u) => u.index > 95).length,
		above95Names: ranked.filter((u) => u.index > 95).map((u) => u.name),
		rose: elementChanges.filter((e) => e.points > 0).toSorted((a, b) => b.points - a.points),
		fell: elementChanges.filter((e) => e.points < 0).toSorted((a, b) => a.points - b.points),
		reformed: {
			predecessors: ranked.filter((u) => u.comparedWith === 'predecessors').length,
			fresh: ranked.filter((u) => u.comparedWith === 'new').length
		}
	};
}
