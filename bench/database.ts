/**
 * What the server benchmark stands on: a fresh database on either engine, the raw COPY that
 * is ingest's ceiling, a province of the size asked for, and timed runs.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { testDatabase, type TestDatabase } from '$lib/server/db/testing';
import { openPglite } from '$lib/server/db/pglite';
import { migrate } from '$lib/server/db/migrate';
import type { Database } from '$lib/server/db';
import { demoUnits } from '$lib/server/demo/province';
import type { NewResponse } from '$lib/server/responses/responses.repository';
import type { UnitInput } from '$lib/survey/units';
import { percentile } from './support';

export async function timeRuns(
	runs: number,
	fn: () => Promise<unknown>
): Promise<{ p50: number; p95: number }> {
	const times: number[] = [];
	for (let i = 0; i < runs; i++) {
		const started = performance.now();
		await fn();
		times.push(performance.now() - started);
	}
	times.sort((a, b) => a - b);
	return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

const csvField = (v: unknown) =>
	v === null || v === undefined
		? ''
		: `"${String(typeof v === 'object' ? JSON.stringify(v) : v).replaceAll('"', '""')}"`;
const copyColumns = [
	'id',
	'instrument_code',
	'instrument_version',
	'unit_code',
	'channel',
	'submitted_at',
	'day',
	'answers',
	'comment',
	'content_hash'
] as const;
const toCsv = (rows: readonly NewResponse[]) =>
	rows.map((r) => copyColumns.map((c) => csvField(r[c])).join(',')).join('\n') + '\n';

export async function copyRows(db: Database, rows: readonly NewResponse[]): Promise<void> {
	const statement = `copy bench_copy (${copyColumns.join(', ')}) from stdin with (format csv)`;
	const csv = toCsv(rows);
	if (db.engine === 'pglite') {
		await (db.native as PGlite).query(statement.replace('stdin', `'/dev/blob'`), [], {
			blob: new Blob([csv])
		});
	} else {
		const client = await (db.native as pg.Pool).connect();
		try {
			await pipeline(Readable.from([csv]), client.query(copyFrom(statement)));
		} finally {
			client.release();
		}
	}
}

/** PGlite in a fresh directory on disk (as the server runs it), or a fresh PostgreSQL database. */
export async function benchDatabase(
	engine: 'pglite' | 'postgres'
): Promise<TestDatabase & { serverEnv: Record<string, string> }> {
	if (engine === 'postgres') {
		const opened = await testDatabase(engine, process.env.BENCH_DATABASE_URL);
		return { ...opened, serverEnv: { DATABASE_URL: opened.url! } };
	}
	const dir = mkdtempSync(join(tmpdir(), 'sipas-bench-'));
	// The server keeps its embedded database in DATA_DIR/pglite.
	const db = await openPglite(join(dir, 'pglite'));
	await migrate(db);
	const shut = db.close;
	let open = true;
	const closeOnce = async () => {
		if (open) await shut();
		open = false;
	};
	return {
		db: Object.assign(db, { close: closeOnce }),
		serverEnv: { DATA_DIR: dir },
		async close() {
			await closeOnce();
			rmSync(dir, { recursive: true, force: true });
		}
	};
}

/**
 * The demo province (20 departments, 40 communes as it stands, the old communes and districts
 * of the 2025 reform), with more communes of today under the province until it has `units`
 * units (BENCH_UNITS=640: Hà Nội's size). The counters a province view reads grow with its
 * units, not with its answers.
 */
export function benchProvince(units: number): UnitInput[] {
	const demo = demoUnits();
	const more = Math.max(0, units - demo.length);
	return [
		...demo,
		...Array.from({ length: more }, (_, i) => ({
			code: `DEMO.Y${String(i + 1).padStart(3, '0')}`,
			name: `Xã mẫu ${i + 1}`,
			kind: 'commune' as const,
			parentCode: 'DEMO',
			validFrom: null,
			validTo: null,
			successorCodes: [],
			predecessorCodes: [],
			changedFrom: null
		}))
	];
}
