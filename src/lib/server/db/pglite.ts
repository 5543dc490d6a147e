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
 * Opens the embedded database: in memory when `dataDir` is undefined (tests), else on disk.
 * The caller owns the data-dir lock (see lock.ts); PGlite itself does not stop a second
 * process from opening the same directory.
 */
export async function openPglite(dataDir?: string): Promise<Database> {
	return wrapPglite(await PGlite.create(dataDir, { parsers: pgliteParsers }));
}
