import postgres from 'postgres';
import type { Database, Queryable } from './types';
import { storableParams } from './params';

function wrap(q: postgres.Sql | postgres.TransactionSql): Queryable {
	return {
		async query<T>(text: string, params: unknown[] = []) {
			const rows = await q.unsafe(
				text,
				storableParams(params) as postgres.ParameterOrJSON<never>[]
			);
			return rows as unknown as T[];
		},
		async exec(text: string) {
			await q.unsafe(text).simple();
		}
	};
}

/** Opens a pool on a PostgreSQL server, parsing values the way the PGlite adapter does. */
export function openPostgres(url: string, options: { max?: number } = {}): Database {
	const sql = postgres(url, {
		max: options.max ?? 10,
		onnotice: () => {},
		types: {
			date: { to: 1082, from: [1082], serialize: (x: string) => x, parse: (x: string) => x },
			int8: {
				to: 20,
				from: [20],
				serialize: (x: number) => String(x),
				parse: (x: string) => Number(x)
			}
		}
	});
	return {
		engine: 'postgres',
		native: sql,
		...wrap(sql),
		transaction: <T>(fn: (tx: Queryable) => Promise<T>) =>
			sql.begin((tx) => fn(wrap(tx))) as Promise<T>,
		close: () => sql.end({ timeout: 1 })
	};
}
