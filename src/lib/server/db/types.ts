/**
 * The one interface every repository talks to. Both engines (embedded PGlite and a
 * PostgreSQL server) implement it with the same value shapes: `date` columns come back as
 * `YYYY-MM-DD` strings, `bigint` as numbers, `timestamptz` as `Date`.
 */
export interface Queryable {
	/** Runs one parameterised statement ($1, $2, …) and returns its rows. */
	query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
	/** Runs a script of several statements without parameters (migrations). */
	exec(sql: string): Promise<void>;
}

export interface Database extends Queryable {
	readonly engine: 'pglite' | 'postgres';
	/** The engine's own client (PGlite, or the node-postgres pool): for tooling such as COPY in benchmarks, never for app code. */
	readonly native: unknown;
	/** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
	transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
	/**
	 * Runs `fn` while this server holds the lock `key`, which no other server on the same
	 * database (and no other caller in this one) holds meanwhile: a PostgreSQL advisory lock
	 * on a connection of its own, released when `fn` settles or the connection dies. With
	 * `wait: false` it does not queue: `undefined` when someone else holds the lock.
	 */
	exclusive<T>(
		key: number,
		fn: () => Promise<T>,
		options?: { wait?: boolean }
	): Promise<T | undefined>;
	close(): Promise<void>;
}
