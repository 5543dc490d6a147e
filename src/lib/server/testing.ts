import { afterAll, beforeAll } from 'vitest';
import { testDatabase, type Engine, type TestDatabase } from './db/testing';
import type { Database, Queryable } from './db';
import * as units from './units/units.repository';
import { demoUnits } from './demo/province';
import * as responses from './responses/responses.repository';
import * as rollups from './responses/rollups.repository';
import { rollupDeltas } from '$lib/survey/rollups';
import { instrumentFor, syncShippedInstruments } from './instruments/service';
import { ranking, unitIndices } from './dashboard/aggregates';
import { serviceForm } from './factories';

/** Opens a fresh migrated database for the enclosing describe block and closes it after. */
export function useTestDatabase(engine: Engine): { readonly db: Database } {
	let opened: TestDatabase | undefined;
	beforeAll(async () => {
		opened = await testDatabase(engine);
		await syncShippedInstruments(opened.db);
	});
	afterAll(async () => {
		await opened?.close();
	});
	return {
		get db() {
			if (!opened) throw new Error('database not open yet');
			return opened.db;
		}
	};
}

/** The demo province's units: a realistic tree to test against. */
export async function seedUnits(db: Database): Promise<void> {
	await db.transaction((tx) => units.insertMany(tx, demoUnits()));
}

/**
 * The stored rollup counters and a recount from the valid answers, each as sorted keys: equal
 * when the counters are right. For property tests and the fuzz suite.
 */
export async function countersAndRecount(
	db: Database
): Promise<{ stored: string[]; recount: string[] }> {
	const rows = await responses.validAnswers(db);
	const entries = await Promise.all(
		rows.map(async (r) => ({
			row: {
				unit_code: r.unit,
				instrument_code: r.instrument,
				channel: r.channel,
				day: r.day,
				answers: r.answers
			},
			flagged: r.flags.length > 0,
			instrument: (await instrumentFor(db, r.instrument, r.instrumentVersion))!
		}))
	);
	// The flagged answers' counters too, marked apart.
	const key = (prefix: string) => (d: rollups.RollupDelta) =>
		[
			prefix,
			d.unit_code,
			d.instrument_code,
			d.grain,
			d.period,
			d.channel,
			d.item,
			d.level,
			d.n
		].join('|');
	return {
		stored: [
			...(await rollups.all(db)).map(key('all')),
			...(await rollups.all(db, 'flagged_rollups')).map(key('flagged'))
		].sort(),
		recount: [
			...rollupDeltas(entries).map(key('all')),
			...rollupDeltas(entries.filter((e) => e.flagged)).map(key('flagged'))
		].sort()
	};
}

/** The value of an outcome the test expects to succeed; a failure stops the test with its reason. */
export function valueOf<T>(outcome: { ok: true; value: T } | { ok: false; reason: string }): T {
	if (!outcome.ok) throw new Error(`expected success, got ${outcome.reason}`);
	return outcome.value;
}

export { aView } from '$lib/survey/testing';

/**
 * What managers read, for comparing a database with its restored copy: the row counts, every
 * unit's indices and the province's ranking of each kind of unit, for a year.
 */
export async function figures(db: Database, year = { from: '2025-01-01', to: '2025-12-31' }) {
	const [counts] = await db.query<{ responses: number; rollups: number; users: number }>(
		`select (select count(*)::int from responses) as responses,
			(select count(*)::int from rollups) as rollups, (select count(*)::int from users) as users`
	);
	const indices = [];
	for (const unit of await units.list(db))
		indices.push(await unitIndices(db, { unit: unit.code, instrument: serviceForm, period: year }));
	const rankings = [];
	for (const kind of ['department', 'district', 'commune'] as const)
		rankings.push(
			await ranking(db, { parent: 'DEMO', kind, instrument: serviceForm, period: year })
		);
	return { counts, indices, rankings };
}

/** A statement a traced queryable ran. */
export interface Traced {
	sql: string;
	params?: unknown[];
}

/** The database, noting every statement run through it (to read their plans after). */
export function traced(db: Queryable): { q: Queryable; reads: Traced[] } {
	const reads: Traced[] = [];
	const q: Queryable = {
		query: <T>(sql: string, params?: unknown[]) => {
			reads.push({ sql, params });
			return db.query<T>(sql, params);
		},
		exec: (sql: string) => db.exec(sql)
	};
	return { q, reads };
}

/**
 * The plan of a statement as JSON text, planned as at a million answers, where reading an index
 * beats reading the table (sequential and bitmap scans off).
 */
export function indexPlan(db: Database, read: Traced): Promise<string> {
	return db.transaction(async (tx) => {
		await tx.exec('set local enable_seqscan = off; set local enable_bitmapscan = off');
		return JSON.stringify(await tx.query(`explain (format json) ${read.sql}`, read.params));
	});
}
