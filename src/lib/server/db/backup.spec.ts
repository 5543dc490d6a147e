import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { shippedInstruments } from '$lib/survey/shipped';
import { bulkLoad, demoUnits } from '../demo/province';
import { demoResponses } from '../demo/responses';
import * as units from '../units/units.repository';
import { syncShippedInstruments } from '../instruments/service';
import { BackupError, backupDataDir, restoreDataDir } from './backup.js';
import { openDatabase } from './index';
import { figures } from '../testing';
import { migrate } from './migrate';

const service = shippedInstruments.find((i) => i.code === 'sipas-service-2023')!;
const year = { from: '2025-01-01', to: '2025-12-31' };
const run = promisify(execFile);

/** Runs scripts/backup.js or restore.js the way `npm run backup` does. */
async function script(name: 'backup' | 'restore', args: string[], dataDir: string) {
	try {
		const { stdout, stderr } = await run(process.execPath, [`scripts/${name}.js`, ...args], {
			env: { PATH: process.env.PATH, DATA_DIR: dataDir }
		});
		return { code: 0, output: stdout + stderr };
	} catch (error) {
		const failed = error as { code: number; stdout: string; stderr: string };
		return { code: failed.code, output: failed.stdout + failed.stderr };
	}
}

describe('backup and restore of the embedded database', { timeout: 120_000 }, () => {
	const temp = mkdtempSync(join(tmpdir(), 'sipas-backup-'));
	const source = join(temp, 'data');
	let before: Awaited<ReturnType<typeof figures>>;

	beforeAll(async () => {
		const opened = await openDatabase({ dataDir: source });
		try {
			await migrate(opened.db);
			await syncShippedInstruments(opened.db);
			await opened.db.transaction((tx) => units.insertMany(tx, demoUnits()));
			const members = (await units.list(opened.db)).filter((u) => u.kind === 'commune');
			await bulkLoad(
				opened.db,
				demoResponses({ instrument: service, units: members, ...year, perDay: 0.4, seed: 7 }),
				service
			);
			before = await figures(opened.db);
			// While the server (here: this process) holds the directory, a backup is refused.
			const refused = await backupDataDir(source, join(temp, 'busy.tar.gz')).catch((e) => e);
			expect(refused).toBeInstanceOf(BackupError);
			expect(refused.message).toMatch(/Stop the server for the backup/);
			expect(existsSync(join(temp, 'busy.tar.gz'))).toBe(false);
		} finally {
			await opened.close();
		}
	}, 120_000);

	it('restores a backup into a fresh data dir with every index, ranking and count unchanged', async () => {
		expect(before.counts!.responses).toBeGreaterThan(1500);
		const backup = await script('backup', [join(temp, 'nightly.tar.gz')], source);
		expect(backup.output).toMatch(/^Backup written: .*nightly\.tar\.gz \(\d+\.\d MiB in/);
		expect(backup.code).toBe(0);

		const target = join(temp, 'restored');
		const restored = await script('restore', [join(temp, 'nightly.tar.gz')], target);
		expect(restored.output).toContain(
			`Restored into ${target}: 143 units, ${before.counts!.responses} responses.`
		);
		const opened = await openDatabase({ dataDir: target });
		try {
			await migrate(opened.db);
			expect(await figures(opened.db)).toEqual(before);
		} finally {
			await opened.close();
		}
		// The source is untouched and still opens.
		const again = await openDatabase({ dataDir: source });
		await again.close();
	});

	it('never overwrites a data dir that holds a database, and leaves no trace of a bad file', async () => {
		const file = join(temp, 'direct.tar.gz');
		expect((await backupDataDir(source, file)).bytes).toBeGreaterThan(100_000);

		const occupied = await script('restore', [file], source);
		expect(occupied.code).toBe(1);
		expect(occupied.output).toMatch(/already holds a database\. Restore into an empty DATA_DIR/);

		writeFileSync(join(temp, 'notes.tar.gz'), 'not a backup');
		const empty = join(temp, 'empty');
		const bad = await restoreDataDir(join(temp, 'notes.tar.gz'), empty).catch((e) => e);
		expect(bad).toBeInstanceOf(BackupError);
		expect(bad.message).toMatch(/is not a backup of the embedded database/);
		// The right file can go into the same directory straight after.
		expect((await restoreDataDir(file, empty)).responses).toBe(before.counts!.responses);

		const missing = await script('restore', [], empty);
		expect(missing).toEqual({ code: 2, output: expect.stringMatching(/^Which backup\?/) });
		const postgres = await run(process.execPath, ['scripts/backup.js'], {
			env: { PATH: process.env.PATH, DATABASE_URL: 'postgres://x@127.0.0.1/x' }
		}).catch((e) => e);
		expect(postgres.code).toBe(2);
		expect(postgres.stderr).toMatch(/pg_dump/);
	});
});
