import { randomBytes } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { syncShippedInstruments } from '../instruments/service';
import { migrate } from './migrate';
import { openPglite } from './pglite';
import { openPostgres } from './postgres';
import { serverQuery, testEngines } from './testing';

/**
 * Global setup of the server test project: migrate one database per engine, with the shipped
 * instruments, before any test file runs; each test database is then a copy (testing.ts).
 * A PGlite instance made from scratch runs initdb (~4 s on two cores); loaded from this
 * tarball it is ready in about a second, and no file runs the migrations again.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
	const cleanups: (() => Promise<void>)[] = [];
	const pglite = await openPglite();
	await migrate(pglite);
	await syncShippedInstruments(pglite);
	const tarball = join(tmpdir(), `sipas-template-${randomBytes(6).toString('hex')}.tar`);
	const dump = await (pglite.native as import('@electric-sql/pglite').PGlite).dumpDataDir('none');
	writeFileSync(tarball, Buffer.from(await dump.arrayBuffer()));
	await pglite.close();
	project.provide('pgliteTemplate', tarball);
	cleanups.push(async () => rmSync(tarball, { force: true }));

	const serverUrl = process.env.TEST_DATABASE_URL;
	if (testEngines().includes('postgres') && serverUrl) {
		const name = `sipas_template_${randomBytes(6).toString('hex')}`;
		await serverQuery(serverUrl, `create database ${name}`);
		const url = new URL(serverUrl);
		url.pathname = `/${name}`;
		const db = openPostgres(url.href, { max: 1 });
		await migrate(db);
		await syncShippedInstruments(db);
		// A template must have no open connection while databases are copied from it.
		await db.close();
		project.provide('postgresTemplate', name);
		cleanups.push(() => serverQuery(serverUrl, `drop database if exists ${name} with (force)`));
	}
	return async () => {
		for (const cleanup of cleanups) await cleanup();
	};
}
