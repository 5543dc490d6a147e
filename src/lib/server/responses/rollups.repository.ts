import type { Channel } from '$lib/survey/responses';
import { rollupDeltas, WHOLE, type CountedRow, type RollupDelta } from '$lib/survey/rollups';
import type { Instrument } from '$lib/survey/instruments';
import type { Queryable } from '../db';

/**
 * The rollup counters: per (questionnaire, grain, period, unit, item, level) one row with a
 * count per channel (see migration 0006), and the same counters for the answers that carry a
 * data-quality flag (`flagged_rollups`, migration 0008): a view without flagged answers reads
 * the one less the other. Every answer is counted under its unit and under the tree's own
 * `WHOLE` (migration 0015). Callers speak in deltas with a channel; this module folds them
 * into rows. Reading them: `counters.repository.ts`.
 */

export type Table = 'rollups' | 'flagged_rollups';

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
	kiosk: number;
	paper: number;
	web: number;
	dossier: number;
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
		const key = [d.instrument_code, d.grain, d.period, d.unit_code, d.item, d.level];
		const id = key.join('\u0000');
		const row = rows.get(id) ?? { key, kiosk: 0, paper: 0, web: 0, dossier: 0 };
		row[d.channel as Channel] += d.n;
		rows.set(id, row);
	}
	const list = [...rows.values()];
	const column = (i: number) => list.map((row) => row.key[i]);
	await q.query(
		`insert into ${table} as r (instrument_code, grain, period, unit_code, item, level, kiosk, paper, web, dossier)
		select * from unnest($1::text[], $2::char(1)[], $3::date[], $4::text[], $5::text[],
			$6::smallint[], $7::int[], $8::int[], $9::int[], $10::int[])
			as d (instrument_code, grain, period, unit_code, item, level, kiosk, paper, web, dossier)
		order by instrument_code, grain, period, unit_code, item, level
		on conflict (instrument_code, grain, period, unit_code, item, level)
		do update set kiosk = r.kiosk + excluded.kiosk, paper = r.paper + excluded.paper,
			web = r.web + excluded.web, dossier = r.dossier + excluded.dossier`,
		[
			column(0),
			column(1),
			column(2),
			column(3),
			column(4),
			column(5),
			list.map((row) => row.kiosk),
			list.map((row) => row.paper),
			list.map((row) => row.web),
			list.map((row) => row.dossier)
		]
	);
}

/** Every counter, a row per channel (for checks against a recount). */
export async function all(q: Queryable, table: Table = 'rollups'): Promise<RollupDelta[]> {
	return q.query<RollupDelta>(
		`select unit_code, instrument_code, grain, period, c.channel, item, level, c.n
		from ${table},
			lateral (values ('kiosk', kiosk), ('paper', paper), ('web', web), ('dossier', dossier)) as c (channel, n)
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
