import { PGlite, types, type Transaction } from '@electric-sql/pglite';
import type { Database, Queryable } from './types';
import { storableParams } from './params';

const parsers = {
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
 * Opens the embedded database: in memory when `dataDir` is undefined (tests), else on disk.
 * The caller owns the data-dir lock (see lock.ts); PGlite itself does not stop a second
 * process from opening the same directory.
 */
export async function openPglite(dataDir?: string): Promise<Database> {
	const pg = await PGlite.create(dataDir, { parsers });
	return {
		engine: 'pglite',
		native: pg,
		...wrap(pg),
		transaction: (fn) => pg.transaction((tx) => fn(wrap(tx))),
		close: () => pg.close()
	};
}
