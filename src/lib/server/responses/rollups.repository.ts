import { channels, type Channel } from '$lib/survey/responses';
import { rollupDeltas, WHOLE, type CountedRow, type RollupDelta } from '$lib/survey/rollups';
import type { Instrument } from '$lib/survey/instruments';
import type { Queryable } from '../db';

/**
 * The rollup counters: per (questionnaire, grain, period, unit, item) a row with a count per
 * channel and level, eight levels a row (migration 0016; `block` 1 holds levels 8–15), and the
 * same counters for the answers that carry a data-quality flag (`flagged_rollups`, migration
 * 0008): a view without flagged answers reads the one less the other. Every answer is counted
 * under its unit and under the tree's own `WHOLE` (migration 0015). Callers speak in deltas
 * with a channel and a level; this module folds them into rows. Reading them:
 * `counters.repository.ts`.
 */

type Table = 'rollups' | 'flagged_rollups';

/** The levels a counter row holds: its `block` holds levels block × 8 to block × 8 + 7. */
export const LEVELS_PER_ROW = 8;

/** The column of a channel's count of a row's level (`kiosk0` … `dossier7`). */
export const countColumn = (channel: Channel, offset: number) => `${channel}${offset}`;

/** A row's counts: per channel, per place 0 … 7 of its levels. */
const slots = channels.flatMap((channel) =>
	Array.from({ length: LEVELS_PER_ROW }, (_, place) => ({
		channel,
		place,
		column: countColumn(channel, place)
	}))
);

/** Every count column of a row, channel by channel, level by level. */
export const countColumns = slots.map((slot) => slot.column);

/** What responses add to (sign 1) or take from (sign -1) the counters. */
export interface CountedEntry {
	row: CountedRow & { flags?: readonly string[] };
	instrument: Instrument;
	sign?: 1 | -1;
}

/**
 * Counts responses in (or out): every one in `rollups`, the flagged ones in `flagged_rollups`
 * too. Ingest, review and corrections all count through here.
 */
export async function count(q: Queryable, entries: readonly CountedEntry[]): Promise<void> {
	const flagged = entries.filter((entry) => entry.row.flags?.length);
	const [units, whole] = byTree(rollupDeltas(entries));
	const [flaggedUnits, flaggedWhole] = byTree(flagged.length ? rollupDeltas(flagged) : []);
	// Every batch updates the tree's own rows: they go last, so a batch holds their locks only
	// for its last statements and its commit (and every batch takes locks in the same order).
	await add(q, units);
	await add(q, flaggedUnits, 'flagged_rollups');
	await add(q, whole);
	await add(q, flaggedWhole, 'flagged_rollups');
}

/** Deltas to units' counters, and those to the tree's own. */
const byTree = (deltas: readonly RollupDelta[]): [RollupDelta[], RollupDelta[]] => [
	deltas.filter((d) => d.unit_code !== WHOLE),
	deltas.filter((d) => d.unit_code === WHOLE)
];

export type { RollupDelta };

interface Row {
	key: (string | number)[];
	/** In `countColumns`' order. */
	counts: number[];
}

/** Where a delta's count goes in a row's `counts`. */
function slot(delta: RollupDelta): number {
	const channel = channels.indexOf(delta.channel as Channel);
	if (channel < 0) throw new Error(`no channel ${delta.channel}`);
	return channel * LEVELS_PER_ROW + (delta.level % LEVELS_PER_ROW);
}

/**
 * Adds deltas to the counters in one statement. Rows go in key order so that concurrent
 * batches lock counters in the same order and cannot deadlock.
 */
export async function add(
	q: Queryable,
	deltas: readonly RollupDelta[],
	table: Table = 'rollups'
): Promise<void> {
	if (deltas.length === 0) return;
	const rows = new Map<string, Row>();
	for (const d of deltas) {
		const block = Math.floor(d.level / LEVELS_PER_ROW);
		const key = [d.instrument_code, d.grain, d.period, d.unit_code, d.item, block];
		const id = key.join('\u0000');
		let row = rows.get(id);
		if (!row) rows.set(id, (row = { key, counts: countColumns.map(() => 0) }));
		row.counts[slot(d)]! += d.n;
	}
	const list = [...rows.values()];
	const counts = countColumns.join(', ');
	await q.query(
		`insert into ${table} as r (instrument_code, grain, period, unit_code, item, block, ${counts})
		select * from unnest($1::text[], $2::char(1)[], $3::date[], $4::text[], $5::text[],
			$6::smallint[], ${countColumns.map((_, i) => `$${i + 7}::int[]`).join(', ')})
			as d (instrument_code, grain, period, unit_code, item, block, ${counts})
		order by instrument_code, grain, period, unit_code, item, block
		on conflict (instrument_code, grain, period, unit_code, item, block)
		do update set ${countColumns.map((c) => `${c} = r.${c} + excluded.${c}`).join(', ')}`,
		[
			...[0, 1, 2, 3, 4, 5].map((i) => list.map((row) => row.key[i])),
			...countColumns.map((_, i) => list.map((row) => row.counts[i]))
		]
	);
}

/** Every counter, a row per channel and level (for checks against a recount). */
export async function all(q: Queryable, table: Table = 'rollups'): Promise<RollupDelta[]> {
	const each = slots.map((s) => `('${s.channel}', ${s.place}, ${s.column})`).join(', ');
	return q.query<RollupDelta>(
		`select unit_code, instrument_code, grain, period, c.channel, item,
			block * ${LEVELS_PER_ROW} + c.place as level, c.n
		from ${table}, lateral (values ${each}) as c (channel, place, n)
		where c.n <> 0`
	);
}

/**
 * Refreshes the planner's statistics after a bulk load. PGlite runs no autovacuum: without
 * this, a freshly loaded database plans its reads as if its tables were empty.
 */
export async function analyze(q: Queryable): Promise<void> {
	await q.query('analyze rollups, responses');
}
