import { PGlite, types, type Transaction } from '@electric-sql/pglite';
import type { Database, Queryable } from './types';
import { storableParams } from './params';

/** `date` as `YYYY-MM-DD` text and `bigint` as a number, as the PostgreSQL adapter does. */
export const pgliteParsers = {
	[types.DATE]: (value: string) => value,
	[types.INT8]: (value: string) => Number(value)
};

function wrap(q: PGlite | Transaction): Queryable {
	return {
		async query<T>(sql: string, params: unknown[] = []) {
			const result = await q.query<T>(sql, storableParams(params));
			return result.rows;
		},
		async exec(sql: string) {
			await q.exec(sql);
		}
	};
}

/**
 * Locks within this process: an embedded database has one server (its data dir is locked),
 * so holding a key here is holding it everywhere.
 */
function processLocks(): Database['exclusive'] {
	const held = new Map<number, Promise<void>>();
	return async (key, fn, { wait = true } = {}) => {
		while (held.has(key)) {
			if (!wait) return undefined;
			await held.get(key);
		}
		let release!: () => void;
		held.set(key, new Promise<void>((done) => (release = done)));
		try {
			return await fn();
		} finally {
			held.delete(key);
			release();
		}
	};
}

/** The app's database interface over an open PGlite instance (made with `pgliteParsers`). */
export function wrapPglite(pg: PGlite): Database {
	return {
		engine: 'pglite',
		native: pg,
		...wrap(pg),
		transaction: (fn) => pg.transaction((tx) => fn(wrap(tx))),
		exclusive: processLocks(),
		close: () => pg.close()
	};
}

/**
 * The embedded engine's buffer cache on disk. Its memory at rest is the engine's, not the
 * data's: an empty database opened at 272 MiB RSS, one with a million answers at 283 MiB,
 * and PostgreSQL's default 128 MB of shared buffers lies inside PGlite's WebAssembly memory,
 * which never shrinks. On disk the operating system's page cache holds the files anyway (and
 * gives its memory back when asked): with 32 MB the engine opens at 190 MiB instead of 294,
 * and a province-year's counters read in 40 / 72 ms instead of 38 / 64 (BENCHMARKS.md).
 */
export const DISK_SHARED_BUFFERS = '32MB';

/**
 * Opens the embedded database: in memory when `dataDir` is undefined (tests), else on disk.
 * The caller owns the data-dir lock (see lock.ts); PGlite itself does not stop a second
 * process from opening the same directory.
 */
export async function openPglite(dataDir?: string): Promise<Database> {
	const onDisk = dataDir && {
		startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${DISK_SHARED_BUFFERS}`]
	};
	return wrapPglite(await PGlite.create(dataDir, { parsers: pgliteParsers, ...onDisk }));
}
