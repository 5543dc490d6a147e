import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { migrate } from './migrate';
import { openPglite } from './pglite';
import { openPostgres } from './postgres';
import type { Database } from './types';

export type Engine = 'pglite' | 'postgres';

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

/** A fresh, migrated database: in-memory PGlite, or a new database on the test (or given) server, dropped on close. */
export async function testDatabase(
	engine: Engine,
	serverUrl = process.env.TEST_DATABASE_URL
): Promise<TestDatabase> {
	if (engine === 'pglite') {
		const db = await openPglite();
		await migrate(db);
		return { db, close: () => db.close() };
	}
	const url = new URL(serverUrl!);
	const name = `sipas_test_${randomBytes(6).toString('hex')}`;
	const admin = postgres(url.href, { max: 1, onnotice: () => {} });
	await admin.unsafe(`create database ${name}`);
	url.pathname = `/${name}`;
	const db = openPostgres(url.href, { max: 4 });
	await migrate(db);
	return {
		db,
		url: url.href,
		async close() {
			await db.close();
			await admin.unsafe(`drop database if exists ${name} with (force)`);
			await admin.end({ timeout: 1 });
		}
	};
}
