import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { inject } from 'vitest';
import { migrate } from './migrate';
import { openPglite, pgliteParsers, wrapPglite } from './pglite';
import { openPostgres } from './postgres';
import type { Database } from './types';

export type Engine = 'pglite' | 'postgres';

declare module 'vitest' {
	export interface ProvidedContext {
		/** A tarball of a migrated PGlite data dir (see templates.ts); each test file loads it. */
		pgliteTemplate?: string;
		/** A migrated PostgreSQL database that each test database is copied from. */
		postgresTemplate?: string;
	}
}

/**
 * The engines server tests run on: always PGlite; PostgreSQL too when TEST_DATABASE_URL is
 * set. Under CI a missing TEST_DATABASE_URL is an error, so the PostgreSQL half can never
 * be skipped silently.
 */
export function testEngines(): Engine[] {
	const url = process.env.TEST_DATABASE_URL;
	if (!url && process.env.CI === 'true') {
		throw new Error('CI=true but TEST_DATABASE_URL is not set: the PostgreSQL tests cannot run.');
	}
	return url ? ['pglite', 'postgres'] : ['pglite'];
}

export interface TestDatabase {
	db: Database;
	/** The PostgreSQL database's address (for a server process to open the same data). */
	url?: string;
	close(): Promise<void>;
}

/** What the global setup made for this run, if anything (benches and e2e run without one). */
function template(key: 'pgliteTemplate' | 'postgresTemplate'): string | undefined {
	try {
		return inject(key);
	} catch {
		return undefined;
	}
}

/** The template tarball (~40 MB), read once per test process, not once per describe block. */
let loaded: { path: string; blob: Blob } | undefined;
function templateBlob(path: string): Blob {
	if (loaded?.path !== path) loaded = { path, blob: new Blob([readFileSync(path)]) };
	return loaded.blob;
}

/**
 * A fresh, migrated database: in-memory PGlite, or a new database on the test (or given)
 * server, dropped on close. Under the server test project both start from a template the
 * global setup migrated once: a PGlite initdb costs ~4 s, loading a data dir ~1 s, and a
 * PostgreSQL `create database … template` copies files instead of running every migration.
 */
export async function testDatabase(
	engine: Engine,
	serverUrl = process.env.TEST_DATABASE_URL
): Promise<TestDatabase> {
	if (engine === 'pglite') {
		const tarball = template('pgliteTemplate');
		if (!tarball) {
			const db = await openPglite();
			await migrate(db);
			return { db, close: () => db.close() };
		}
		const pglite = await PGlite.create({
			loadDataDir: templateBlob(tarball),
			parsers: pgliteParsers
		});
		const db = wrapPglite(pglite);
		return { db, close: () => db.close() };
	}
	const url = new URL(serverUrl!);
	const name = `sipas_test_${randomBytes(6).toString('hex')}`;
	const from = template('postgresTemplate');
	await serverQuery(url.href, `create database ${name}${from ? ` template ${from}` : ''}`);
	const admin = url.href;
	url.pathname = `/${name}`;
	const db = openPostgres(url.href, { max: 4 });
	if (!from) await migrate(db);
	return {
		db,
		url: url.href,
		async close() {
			await db.close();
			await serverQuery(admin, `drop database if exists ${name} with (force)`);
		}
	};
}

/** Runs one statement on its own connection (create database, drop database). */
export async function serverQuery(serverUrl: string, sql: string): Promise<void> {
	const client = new pg.Client(serverUrl);
	await client.connect();
	try {
		await client.query(sql);
	} finally {
		await client.end();
	}
}
