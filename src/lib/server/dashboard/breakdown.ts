import type { DashboardQuery } from '$lib/survey/dashboard';
import { itemsOf, type Instrument, type Localized } from '$lib/survey/instruments';
import {
	breakdownRows,
	demographicItems,
	PERCEPTION_ITEMS,
	type GroupRow
} from '$lib/survey/perception';
import { increments, RESPONDENTS } from '$lib/survey/rollups';
import type { AnswerValue } from '$lib/survey/responses';
import type { Unit } from '$lib/survey/units';
import type { Queryable } from '../db';
import { instrumentFor } from '../instruments/service';
import { indicesOf } from './aggregates';
import { countsByOwner, timelineOf } from './attribution';
import { tallyBy, type AnswerTally } from './breakdown.repository';
import { Tally } from './counts';

/**
 * The view's respondents broken down by one of their own answers (gender, age, ethnicity,
 * education, occupation): each group's SIPAS and perception indicators. Read from the raw
 * answers of the units the view counts, piece by piece as the tree stood (the dashboard's
 * attribution), since the counters hold one item per row.
 *
 * Raw reads cost what counters do not: on PGlite about 40 µs an answer (a province-year of
 * 200 000 answers in 8 s, BENCHMARKS.md), so a view is read one unit at a time (other
 * requests on the embedded database wait one unit's read, not the whole view's) and a view
 * of more than `BREAKDOWN_LIMIT` answers is refused with its size rather than read. Counters
 * by respondent group would make it instant but multiply the counter rows about thirtyfold
 * (five items of up to eight groups): not worth it for a page read a few times a year.
 */

/** The most answers one breakdown reads. */
export const BREAKDOWN_LIMIT = 250_000;

export interface Breakdown {
	/** The item broken down by. */
	by: string;
	/** The items a breakdown may use, for the chooser. */
	choices: { code: string; text: Localized }[];
	/** The view's respondents, from the counters. */
	respondents: number;
	/** More than `BREAKDOWN_LIMIT`: not read, `rows` is empty. */
	tooMany: boolean;
	rows: GroupRow<number | null>[];
}

export async function breakdownOf(
	q: Queryable,
	view: { query: DashboardQuery; unit: Unit; instrument: Instrument },
	asked: string | null,
	limit = BREAKDOWN_LIMIT
): Promise<Breakdown> {
	const { query, unit, instrument } = view;
	const choices = demographicItems(instrument).map(({ code, text }) => ({ code, text }));
	const by = choices.find((c) => c.code === asked)?.code ?? choices[0]?.code ?? '';
	const pieces = (await timelineOf(q)).attribution([unit.code], query.reading, true);
	const filter = { channel: query.channel, field: query.field, clean: query.clean };
	const counted = await countsByOwner(
		q,
		{ instrument: instrument.code, ...filter, items: [] },
		pieces
	);
	const respondents = counted.get(unit.code)?.respondents ?? 0;
	const tooMany = respondents > limit;
	if (!by || tooMany) return { by, choices, respondents, tooMany, rows: [] };
	// What the index and the perception indicators read; the rest stays unread.
	const items = itemsOf(instrument)
		.filter((item) => item.indexed || (PERCEPTION_ITEMS as readonly string[]).includes(item.code))
		.map((item) => item.code);
	const tally = new Tally<string | null>();
	for (const piece of pieces)
		for (const code of piece.owners.keys()) {
			const rows = await tallyBy(
				q,
				{ units: [code], instrument: instrument.code, ...piece.period, ...filter },
				by,
				items
			);
			for (const row of rows) await add(q, tally, instrument.code, row);
		}
	return {
		by,
		choices,
		respondents,
		tooMany,
		rows: breakdownRows(instrument, by, tally.by, (counts) => indicesOf(instrument, counts).index)
	};
}

/** One grouped row into the tally, its answer counted as the counters count it. */
async function add(
	q: Queryable,
	tally: Tally<string | null>,
	instrument: string,
	row: AnswerTally
) {
	if (row.item === RESPONDENTS) return tally.add(row.group, RESPONDENTS, 0, row.n);
	const definition = await instrumentFor(q, instrument, row.version);
	const answer = { [row.item]: row.value as AnswerValue };
	for (const { item, level } of definition ? increments(definition, answer) : [])
		if (item !== RESPONDENTS) tally.add(row.group, item, level, row.n);
}
