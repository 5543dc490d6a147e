import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { lockDataDir } from './lock';
import { openPglite } from './pglite';
import { openPostgres } from './postgres';
import type { Database } from './types';

export type { Database, Queryable } from './types';

export interface DatabaseConfig {
	/** A PostgreSQL URL; when absent the embedded PGlite is used. */
	databaseUrl?: string;
	/** Where the embedded database lives (`<dataDir>/pglite`). Undefined: in memory. */
	dataDir?: string;
	/** Refuse the embedded fallback (production with REQUIRE_POSTGRES=1). */
	requirePostgres?: boolean;
}

export class StartupError extends Error {}

export interface OpenDatabase {
	db: Database;
	/** Closes the connection and releases the data-dir lock. Safe to call twice. */
	close(): Promise<void>;
}

/** The one factory: PostgreSQL when a URL is given, else embedded PGlite (locked on disk). */
export async function openDatabase(config: DatabaseConfig): Promise<OpenDatabase> {
	if (config.databaseUrl) {
		const db = openPostgres(config.databaseUrl);
		return { db, close: once(() => db.close()) };
	}
	if (config.requirePostgres) {
		throw new StartupError(
			'DATABASE_URL is not set, and REQUIRE_POSTGRES=1 forbids the embedded database in production.'
		);
	}
	if (config.dataDir === undefined) {
		const db = await openPglite();
		return { db, close: once(() => db.close()) };
	}
	const dir = resolve(config.dataDir);
	// PGlite's own mkdir is not recursive.
	mkdirSync(join(dir, 'pglite'), { recursive: true });
	const release = await lockDataDir(dir);
	try {
		const db = await openPglite(join(dir, 'pglite'));
		return {
			db,
			close: once(async () => {
				try {
					await db.close();
				} finally {
					release();
				}
			})
		};
	} catch (error) {
		release();
		throw error;
	}
}

function once(fn: () => Promise<void>): () => Promise<void> {
	let done: Promise<void> | undefined;
	return () => (done ??= fn());
}

let current: Database | undefined;

/** The database the running server uses; set once at start-up. */
export function db(): Database {
	if (!current) throw new Error('The database is not open yet.');
	return current;
}

export function useDatabase(database: Database | undefined): void {
	current = database;
}
