import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { shippedInstruments } from '$lib/survey/shipped';
import { bulkLoad } from '../demo/province';
import { demoResponses } from '../demo/responses';
import * as units from '../units/units.repository';
import { syncShippedInstruments } from '../instruments/service';
import { figures, seedUnits } from '../testing';
import { openPostgres } from './postgres';
import { serverQuery, testDatabase, testEngines } from './testing';
import { migrate } from './migrate';

const service = shippedInstruments.find((i) => i.code === 'sipas-service-2023')!;
const run = promisify(execFile);

/**
 * The production recipe's nightly backup (deploy/sipas-backup.sh, run by sipas-backup.timer):
 * its dump restored with pg_restore into an empty database gives every figure back, and old
 * dumps are removed after BACKUP_KEEP_DAYS. PostgreSQL only.
 */
describe.runIf(testEngines().includes('postgres'))(
	'the PostgreSQL backup of the deploy recipe',
	{ timeout: 180_000 },
	() => {
		it('restores a nightly dump into an empty database with every index and ranking', async () => {
			const source = await testDatabase('postgres');
			const dir = mkdtempSync(join(tmpdir(), 'sipas-pg-backup-'));
			const restoredName = `sipas_restore_${randomBytes(6).toString('hex')}`;
			const server = new URL(process.env.TEST_DATABASE_URL!);
			try {
				await syncShippedInstruments(source.db);
				await seedUnits(source.db);
				const members = (await units.list(source.db)).filter((u) => u.kind !== 'province');
				const rows = demoResponses({
					instrument: service,
					units: members,
					from: '2024-06-01',
					to: '2025-12-31',
					perDay: 1,
					seed: 17
				});
				expect((await bulkLoad(source.db, rows, service)).skipped).toEqual([]);
				const before = await figures(source.db);
				expect(before.counts!.responses).toBeGreaterThan(3000);

				// Dumps from earlier nights: one past the retention, one within it.
				const old = join(dir, 'sipas-20240101T013000Z.dump');
				const recent = join(dir, 'sipas-20251120T013000Z.dump');
				for (const [file, days] of [
					[old, 40],
					[recent, 10]
				] as const) {
					writeFileSync(file, 'an earlier dump');
					const when = new Date(Date.now() - days * 86_400_000);
					utimesSync(file, when, when);
				}
				const backup = await run('sh', ['deploy/sipas-backup.sh'], {
					env: {
						PATH: process.env.PATH,
						DATABASE_URL: source.url!,
						BACKUP_DIR: dir,
						BACKUP_KEEP_DAYS: '30'
					}
				});
				expect(backup.stdout).toMatch(/^Backup written: .*\/sipas-\d{8}T\d{6}Z\.dump \(/);
				const kept = readdirSync(dir).sort();
				expect(kept).toHaveLength(2);
				expect(kept[0]).toBe('sipas-20251120T013000Z.dump');
				const dump = join(dir, kept[1]!);

				await serverQuery(server.href, `create database ${restoredName}`);
				const target = new URL(server.href);
				target.pathname = `/${restoredName}`;
				await run('pg_restore', ['--no-owner', '--exit-on-error', '-d', target.href, dump]);
				const restored = openPostgres(target.href, { max: 2 });
				try {
					// The app starts on it as on any database: nothing to migrate, the same figures.
					await migrate(restored);
					expect(await figures(restored)).toEqual(before);
				} finally {
					await restored.close();
				}
			} finally {
				await source.close();
				await serverQuery(server.href, `drop database if exists ${restoredName} with (force)`);
			}
		});
	}
);
