import { addCounts, type LevelCounts } from './indices';
import type { Instrument, Localized } from './instruments';
import { itemsOf } from './instruments';

/**
 * The perception indicators of the context questions (sipas.md, "Questionnaires"), read from
 * the same counters as the index: the share of respondents not troubled or harassed by
 * officials, the share not asked for money outside the rules, trips per case, the channel the
 * dossier was submitted through, and what to improve first. A questionnaire without one of
 * these items simply has no such indicator.
 */

/** The context items the indicators read, by code (the service and household forms share them). */
export const PERCEPTION_ITEMS = ['trouble', 'money', 'trips', 'submission', 'priorities'] as const;

/** A share of the answers to one item (NA and blanks left out), in percent. */
export interface Share {
	/** Answers counted. */
	n: number;
	share: number | null;
}

export interface Option {
	value: string;
	text: Localized;
	n: number;
	/** Percent of the item's answers (a choice) or of all respondents (several may be named). */
	share: number | null;
}

export interface Perception {
	respondents: number;
	/** "Không có" to the question on officials causing trouble or harassment. */
	notTroubled: Share | null;
	/** "Không có" to the question on money asked outside the rules. */
	noMoney: Share | null;
	/** Mean trips per case ("3 lần trở lên" counts as 3: the mean is a floor). */
	trips: { mean: number | null; n: number } | null;
	submission: Option[] | null;
	/** Most named first. */
	priorities: Option[] | null;
}

type CountsLike = { items: ReadonlyMap<string, LevelCounts>; respondents: number };

const percent = (part: number, whole: number) => (whole ? (100 * part) / whole : null);

/** Each instrument's items by code, made once (a block's heatmap asks for hundreds of units). */
const itemMaps = new WeakMap<Instrument, Map<string, ReturnType<typeof itemsOf>[number]>>();
function itemMap(instrument: Instrument) {
	let items = itemMaps.get(instrument);
	if (!items) {
		items = new Map(itemsOf(instrument).map((item) => [item.code, item]));
		itemMaps.set(instrument, items);
	}
	return items;
}

export function perceptionOf(instrument: Instrument, counts: CountsLike | undefined): Perception {
	const items = itemMap(instrument);
	const respondents = counts?.respondents ?? 0;
	/** The item's options with their answers (positions are the counters' levels, 1-based). */
	const options = (code: string) => {
		const item = items.get(code);
		if (!item?.options) return null;
		const levels = (counts?.items.get(code) ?? {}) as Record<number, number>;
		const answers = item.options.map((_, i) => levels[i + 1] ?? 0);
		return { options: item.options, answers, total: answers.reduce((sum, n) => sum + n, 0) };
	};
	const noneShare = (code: string): Share | null => {
		const list = options(code);
		if (!list) return null;
		const none = list.options.findIndex((o) => o.value === 'none');
		return { n: list.total, share: percent(list.answers[none] ?? 0, list.total) };
	};
	const shares = (code: string, of?: number): Option[] | null => {
		const list = options(code);
		if (!list) return null;
		const whole = of ?? list.total;
		return list.options.map((o, i) => {
			const n = list.answers[i]!;
			return { value: o.value, text: o.text, n, share: percent(n, whole) };
		});
	};
	const trips = options('trips');
	const tripAnswers = trips?.total ?? 0;
	return {
		respondents,
		notTroubled: noneShare('trouble'),
		noMoney: noneShare('money'),
		trips: trips && {
			n: tripAnswers,
			mean: tripAnswers
				? trips.options.reduce(
						(sum, o, i) => sum + Number.parseInt(o.value, 10) * trips.answers[i]!,
						0
					) / tripAnswers
				: null
		},
		submission: shares('submission'),
		priorities: shares('priorities', respondents)?.toSorted((a, b) => b.n - a.n) ?? null
	};
}

/** The improvement most named, if anyone named one. */
export function firstPriority(perception: Perception): Option | null {
	const first = perception.priorities?.[0];
	return first?.n ? first : null;
}

/**
 * The respondent-information group of a questionnaire (gender, age, ethnicity, education,
 * occupation in the shipped forms): its choice items are what the perception indicators and
 * the index can be broken down by.
 */
export const DEMOGRAPHIC_GROUP = 'DEM';

/** The items a breakdown by respondent may use, in questionnaire order. */
export function demographicItems(instrument: Instrument) {
	return itemsOf(instrument).filter(
		(item) => item.group === DEMOGRAPHIC_GROUP && item.scale === 'choice' && item.options
	);
}

/** One group of respondents: those who gave one answer to a demographic item, or none. */
export interface GroupRow<Index> {
	/** The option's value; null for the respondents who left the item blank. */
	value: string | null;
	text: Localized | null;
	respondents: number;
	/** Percent of all the view's respondents. */
	share: number | null;
	index: Index;
	perception: Perception;
}

/**
 * Each option of a demographic item with its respondents' counts read through `indexOf` (the
 * index engine) and `perceptionOf`; the blank answers last, when there are any.
 */
export function breakdownRows<Index>(
	instrument: Instrument,
	item: string,
	groups: ReadonlyMap<string | null, CountsLike>,
	indexOf: (counts: CountsLike) => Index
): GroupRow<Index>[] {
	const options = demographicItems(instrument).find((i) => i.code === item)?.options ?? [];
	const known = new Set(options.map((o) => o.value));
	// An answer no option of this version names is read as blank (it cannot be labelled).
	const blank = [...groups].filter(([value]) => value === null || !known.has(value));
	const blanks: CountsLike = {
		items: addCounts(...blank.map(([, counts]) => counts.items)),
		respondents: blank.reduce((sum, [, counts]) => sum + counts.respondents, 0)
	};
	const all = [...groups.values()].reduce((sum, counts) => sum + counts.respondents, 0);
	const row = (value: string | null, text: Localized | null, counts: CountsLike) => ({
		value,
		text,
		respondents: counts.respondents,
		share: percent(counts.respondents, all),
		index: indexOf(counts),
		perception: perceptionOf(instrument, counts)
	});
	const empty: CountsLike = { items: new Map(), respondents: 0 };
	return [
		...options.map((o) => row(o.value, o.text, groups.get(o.value) ?? empty)),
		...(blanks.respondents ? [row(null, null, blanks)] : [])
	];
}
