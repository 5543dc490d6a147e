import pg from 'pg';
import type { Database, Queryable } from './types';
import { storableParams } from './params';

/**
 * The PostgreSQL client is node-postgres (`pg`), chosen over postgres.js: when the server
 * drops a connection (a restart, `pg_terminate_backend`, a network cut), postgres.js 3.4.9
 * wrote to the closed socket from a timer and took the process down (porsager/postgres#1208,
 * unreleased fix), which we could only stop by patching `node_modules` at install. `pg`
 * reports the same events as errors: on the query that was running (the request answers
 * 503, see errors.ts), and as an `error` event on an idle or checked-out client, which we
 * must listen to (an unheard `error` event ends a Node process). The chaos suite
 * (tests/chaos.e2e.ts) cuts connections and restarts PostgreSQL under ingest to prove it.
 */

const { Pool, types } = pg;

/** Values come back in the shapes the PGlite adapter gives (see types.ts). */
const typeParsers: pg.CustomTypesConfig = {
	getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
		if (oid === types.builtins.DATE) return (value: string) => value;
		if (oid === types.builtins.INT8) return (value: string) => Number(value);
		return types.getTypeParser(oid, format);
	}) as pg.CustomTypesConfig['getTypeParser']
};

/** A connection that broke while idle is dropped from the pool; the next query opens another. */
const ignoreBrokenConnection = (): void => {};

function wrap(q: Pick<pg.Pool, 'query'>): Queryable {
	return {
		async query<T>(text: string, params: unknown[] = []) {
			const result = await q.query(text, storableParams(params));
			return result.rows as T[];
		},
		async exec(text: string) {
			// Without parameters node-postgres uses the simple protocol: several statements run.
			await q.query(text);
		}
	};
}

/**
 * A transaction's one connection, its queries run one after another. Services read in
 * parallel (`Promise.all`) and may do so inside a transaction; node-postgres queues such
 * queries itself but deprecates it (pg@9 will refuse), so the queue is ours.
 */
function inTurn(client: pg.PoolClient): Pick<pg.PoolClient, 'query'> {
	let last: Promise<unknown> = Promise.resolve();
	return {
		query: ((text: string, params?: unknown[]) => {
			const run = last.then(() => client.query(text, params));
			last = run.catch(() => undefined);
			return run;
		}) as pg.PoolClient['query']
	};
}

/**
 * The app's reads are many small queries at once (a dashboard sends about ten together). Left
 * to itself PostgreSQL gives each a parallel plan with workers of its own, and on a server of
 * a few cores those workers crowd each other out: the province dashboard took 183–218 ms at
 * 300 000 answers on 2 cores, 80–122 ms with parallel plans off (BENCHMARKS.md). The app's
 * sessions turn them off; other clients of the server (pg_dump, psql) keep the server's
 * setting.
 */
const SESSION_OPTIONS = '-c max_parallel_workers_per_gather=0';

/** Opens a pool on a PostgreSQL server, parsing values the way the PGlite adapter does. */
export function openPostgres(url: string, options: { max?: number } = {}): Database {
	const pool = new Pool({
		connectionString: url,
		max: options.max ?? 10,
		types: typeParsers,
		options: SESSION_OPTIONS
	});
	pool.on('error', ignoreBrokenConnection);
	return {
		engine: 'postgres',
		native: pool,
		...wrap(pool),
		async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
			const client = await pool.connect();
			client.on('error', ignoreBrokenConnection);
			let broken: Error | undefined;
			try {
				await client.query('begin');
				const value = await fn(wrap(inTurn(client)));
				await client.query('commit');
				return value;
			} catch (error) {
				await client.query('rollback').catch((rollback: Error) => (broken = rollback));
				throw error;
			} finally {
				client.off('error', ignoreBrokenConnection);
				// A connection whose rollback failed is gone or in an unknown state: never reuse it.
				client.release(broken);
			}
		},
		async exclusive<T>(key: number, fn: () => Promise<T>, { wait = true } = {}) {
			const client = await pool.connect();
			client.on('error', ignoreBrokenConnection);
			try {
				if (wait) await client.query('select pg_advisory_lock($1)', [key]);
				else {
					const { rows } = await client.query<{ locked: boolean }>(
						'select pg_try_advisory_lock($1) as locked',
						[key]
					);
					if (!rows[0]?.locked) return undefined;
				}
				try {
					return await fn();
				} finally {
					await client.query('select pg_advisory_unlock($1)', [key]).catch(() => undefined);
				}
			} finally {
				client.off('error', ignoreBrokenConnection);
				client.release();
			}
		},
		close: () => pool.end()
	};
}
