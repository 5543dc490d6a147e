// `npm run backup [-- file]`: a backup of the embedded database in DATA_DIR (default ./data)
// to `file` (default backups/sipas-<date>-<time>.tar.gz). Stop the server first.
// PostgreSQL (DATABASE_URL set): use pg_dump, as README "Backups" shows.
import { existsSync } from 'node:fs';
import { BackupError, backupDataDir } from '../src/lib/server/db/backup.js';

if (existsSync('.env')) process.loadEnvFile('.env');
if (process.env.DATABASE_URL) {
	console.error('DATABASE_URL is set: back PostgreSQL up with pg_dump (README: Backups).');
	process.exit(2);
}
const stamp = new Date().toISOString().slice(0, 19).replace('T', '-').replaceAll(':', '');
const file = process.argv[2] ?? `backups/sipas-${stamp}.tar.gz`;
try {
	const started = Date.now();
	const done = await backupDataDir(process.env.DATA_DIR || './data', file);
	const size = (done.bytes / 2 ** 20).toFixed(1);
	console.log(`Backup written: ${done.file} (${size} MiB in ${(Date.now() - started) / 1000} s)`);
} catch (error) {
	if (!(error instanceof BackupError)) throw error;
	console.error(error.message);
	process.exit(1);
}
