/**
 * The SIPAS index engine: the one place the formulas of sipas.md live. Pure: it takes
 * counts of valid answers per item and level (never raw rows) and returns unrounded
 * numbers. Rounding is for display (`roundHalfUp`) and for ranks: units rank on their values
 * as published, rounded half up to the instrument's `rankPrecision` (two decimals unless it says).
 */

/** Satisfaction scales and their levels. */
export const satisfactionScales = {
	L5: { levels: 5, satisfied: [4, 5] },
	L3: { levels: 3, satisfied: [2, 3] }
} as const;
export type SatisfactionScale = keyof typeof satisfactionScales;

export type ItemRule = 'share' | 'mean-score';
export type GroupRule = 'mean' | 'pooled';
export interface Rules {
	item: ItemRule;
	group: GroupRule;
}
export const defaultRules: Rules = { item: 'share', group: 'mean' };

/** Valid answers per level (1-based) of one item; blanks and "not applicable" are not here. */
export type LevelCounts = Readonly<Record<number, number>>;

export interface ItemResult {
	code: string;
	/** 0–100, or null when the item has no valid answer. */
	index: number | null;
	n: number;
	satisfied: number;
	/** 95 % Wilson interval of the satisfied share, in percent. */
	ci: [number, number] | null;
}

export interface AggregateResult {
	code: string;
	index: number | null;
	/** Valid answers underneath. */
	n: number;
}

export interface PartResult extends AggregateResult {
	groups: AggregateResult[];
}

export interface UnitResult {
	index: number | null;
	n: number;
	parts: PartResult[];
	groups: AggregateResult[];
	items: ItemResult[];
}

/** The structure the engine needs from an instrument: indexed parts → groups → items. */
export interface IndexStructure {
	rules: Rules;
	parts: {
		code: string;
		groups: { code: string; items: { code: string; scale: SatisfactionScale }[] }[];
	}[];
}

const sum = (values: Iterable<number>) => {
	let total = 0;
	for (const value of values) total += value;
	return total;
};

function validAndSatisfied(scale: SatisfactionScale, counts: LevelCounts) {
	const { levels, satisfied } = satisfactionScales[scale];
	let n = 0;
	let yes = 0;
	let weighted = 0;
	for (let level = 1; level <= levels; level++) {
		const count = counts[level] ?? 0;
		n += count;
		weighted += count * level;
		if ((satisfied as readonly number[]).includes(level)) yes += count;
	}
	return { n, satisfied: yes, mean: n ? weighted / n : 0, levels };
}

/** Mean of the non-null values; null when there is none. */
export function meanOf(values: readonly (number | null)[]): number | null {
	const present = values.filter((v): v is number => v !== null);
	return present.length ? sum(present) / present.length : null;
}

/**
 * Item index. `share`: 100 × satisfied / valid. `mean-score`: 100 × (mean − 1) / (levels − 1).
 * Only levels 1..L count: blanks and "not applicable" are outside the denominator.
 */
export function itemIndex(
	code: string,
	scale: SatisfactionScale,
	counts: LevelCounts,
	rule: ItemRule = 'share'
): ItemResult {
	const { n, satisfied, mean, levels } = validAndSatisfied(scale, counts);
	if (n === 0) return { code, index: null, n: 0, satisfied: 0, ci: null };
	const index = rule === 'share' ? (100 * satisfied) / n : (100 * (mean - 1)) / (levels - 1);
	return { code, index, n, satisfied, ci: wilson(satisfied, n) };
}

/** Group index: the unweighted mean of its item indices, or (pooled) all satisfied over all valid. */
export function groupIndex(
	code: string,
	items: readonly ItemResult[],
	rule: GroupRule = 'mean'
): AggregateResult {
	const n = sum(items.map((item) => item.n));
	if (rule === 'pooled') {
		return { code, index: n ? (100 * sum(items.map((item) => item.satisfied))) / n : null, n };
	}
	return { code, index: meanOf(items.map((item) => item.index)), n };
}

/** Everything for one unit: items, groups, parts, and SIPAS as the mean of its parts. */
export function unitIndex(
	structure: IndexStructure,
	counts: ReadonlyMap<string, LevelCounts>
): UnitResult {
	const items: ItemResult[] = [];
	const groups: AggregateResult[] = [];
	const parts: PartResult[] = structure.parts.map((part) => {
		const partGroups = part.groups.map((group) => {
			const results = group.items.map((item) =>
				itemIndex(item.code, item.scale, counts.get(item.code) ?? {}, structure.rules.item)
			);
			items.push(...results);
			// `pooled` only has meaning for shares; with mean scores the group is a mean.
			const rule = structure.rules.item === 'share' ? structure.rules.group : 'mean';
			return groupIndex(group.code, results, rule);
		});
		groups.push(...partGroups);
		return {
			code: part.code,
			index: meanOf(partGroups.map((g) => g.index)),
			n: sum(partGroups.map((g) => g.n)),
			groups: partGroups
		};
	});
	return {
		index: meanOf(parts.map((p) => p.index)),
		n: sum(parts.map((p) => p.n)),
		parts,
		groups,
		items
	};
}

/** Adds level counts of several units or periods together (for pooled block figures). */
export function addCounts(...sets: ReadonlyMap<string, LevelCounts>[]): Map<string, LevelCounts> {
	const total = new Map<string, Record<number, number>>();
	for (const set of sets) {
		for (const [item, counts] of set) {
			const into = total.get(item);
			// An item's first counts are copied whole, the others added level by level (a block's
			// pooled figure adds 617 units' counts: no lookup and set again per level).
			if (into === undefined) total.set(item, { ...counts });
			else
				for (const key in counts) {
					const level = +key;
					into[level] = (into[level] ?? 0) + counts[level]!;
				}
		}
	}
	return total;
}

/**
 * 95 % Wilson score interval for `satisfied` of `n` independent observations, in percent. An
 * item's answers are independent (one per respondent); a share over all items is not (each
 * respondent gives ~16 answers that move together): see `respondentInterval`.
 */
export function wilson(
	satisfied: number,
	n: number,
	z = 1.959963984540054
): [number, number] | null {
	if (n <= 0) return null;
	const p = satisfied / n;
	const z2 = z * z;
	const centre = p + z2 / (2 * n);
	const margin = z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
	const denominator = 1 + z2 / n;
	return [
		Math.max(0, (100 * (centre - margin)) / denominator),
		Math.min(100, (100 * (centre + margin)) / denominator)
	];
}

/**
 * The 95 % interval of a share over several items per respondent, counting each respondent
 * once: the share with n = respondents. It is the interval with the largest design effect
 * (answers per respondent), the honest one when a respondent's answers move together; treating
 * 16 answers a person as 16 draws made it four times too narrow.
 */
export function respondentInterval(
	satisfied: number,
	answers: number,
	respondents: number
): [number, number] | null {
	if (answers <= 0 || respondents <= 0) return null;
	return wilson((satisfied / answers) * respondents, respondents);
}

/**
 * Below 30 answers a share's 95 % interval is wider than ±13 points around 85 %: too wide to
 * rank on. The flag for a small sample where a unit's dossiers (its Slovin target) are unknown.
 */
export const MIN_SAMPLE = 30;

/** Slovin's sample size for `dossiers` handled in the period: n = N / (1 + N·e²), rounded up. */
export function slovinTarget(dossiers: number, e = 0.05): number {
	if (dossiers <= 0) return 0;
	return Math.ceil(dossiers / (1 + dossiers * e * e));
}

/**
 * The satisfaction points of the real-time service index (QĐ 766/QĐ-TTg):
 * 6 × min(1, share satisfied / 0.90); 0 where nothing was rated.
 */
export function score766(satisfied: number, ratings: number): number {
	if (ratings <= 0) return 0;
	return 6 * Math.min(1, satisfied / ratings / 0.9);
}

export interface Ranked<K> {
	key: K;
	value: number | null;
	/** 1-based, shared by equal values ("1, 2, 2, 4"); null without a value. */
	rank: number | null;
}

/** The decimals ranks compare at unless an instrument says otherwise: announcements print two. */
export const RANK_PRECISION = 2;

/**
 * Competition ranking, highest first, on the values as published: rounded half up to
 * `precision` decimals, so that two units announced at 90,03 share a rank ("cùng đạt 90,03
 * điểm, xếp thứ hai") though one is 90.031 and the other 90.029. Units without data are
 * unranked; `value` stays unrounded.
 */
export function rank<K>(
	entries: readonly { key: K; value: number | null }[],
	precision = RANK_PRECISION
): Ranked<K>[] {
	const shown = (value: number) => roundHalfUp(value, precision);
	// Highest first; a value's rank is one more than the count of values above it, which is
	// its first position in this order (a block of 620 communes: sorted once, not compared
	// pairwise).
	const values = entries.flatMap((e) => (e.value === null ? [] : [shown(e.value)]));
	const first = new Map<number, number>();
	values.sort((a, b) => b - a);
	for (const [i, value] of values.entries()) if (!first.has(value)) first.set(value, i + 1);
	return entries.map((entry) =>
		entry.value === null
			? { ...entry, rank: null }
			: { ...entry, rank: first.get(shown(entry.value))! }
	);
}

/** The points SIPAS counts for in the administrative-reform index unless an instrument says. */
export const REFORM_POINTS = 30;

/**
 * The points a unit's SIPAS contributes to the provincial administrative-reform index (Chỉ
 * số CCHC): linear, `max` at 100 %, from the index as published (rounded half up to
 * `precision` decimals, as ranks are), so that the points follow from the announced figure.
 */
export function reformPoints(
	index: number | null,
	max = REFORM_POINTS,
	precision = RANK_PRECISION
): number | null {
	return index === null ? null : (max * roundHalfUp(index, precision)) / 100;
}

/** Positions gained (positive) or lost between a previous and a current rank. */
export function rankChange(previous: number | null, current: number | null): number | null {
	return previous === null || current === null ? null : previous - current;
}

/** Change in index points; null when either side has no value. */
export function pointChange(previous: number | null, current: number | null): number | null {
	return previous === null || current === null ? null : current - previous;
}

/**
 * Rounds half away from zero to `digits` decimals, for display only. The relative nudge of
 * a few ulps makes 78.335 (stored as 78.33499…) become 78.34, as a person rounding would.
 */
export function roundHalfUp(value: number, digits = 2): number {
	const factor = 10 ** digits;
	const shifted = Math.round(Math.abs(value) * factor * (1 + 4 * Number.EPSILON));
	return (Math.sign(value) * shifted) / factor;
}
