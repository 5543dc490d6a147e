// Plain JavaScript with JSDoc types, so that `npm run backup` and `npm run restore`
// (scripts/backup.js, scripts/restore.js) run under Node without a build step.
import {
	existsSync,
	mkdirSync,
	readdirSync,
	readFileSync,
	renameSync,
	rmSync,
	writeFileSync
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { DataDirLockedError, lockDataDir } from './lock.js';

/**
 * Backups of the embedded database: a gzipped tarball of its data directory, written by
 * PGlite itself (`dumpDataDir`), restored by PGlite into an empty directory (`loadDataDir`).
 *
 * Both take the data-dir lock, so neither runs beside a server on the same directory: a copy
 * of a database that is being written to would not be consistent. Stopping the server for
 * the minute a backup takes loses nothing: kiosks keep their answers and send them later.
 * PostgreSQL deployments use `pg_dump` (README: Backups).
 */

export class BackupError extends Error {}

/** @param {string} dataDir */
const pgliteDir = (dataDir) => join(resolve(dataDir), 'pglite');

/**
 * @param {string} dataDir
 * @returns {Promise<() => void>}
 */
async function lock(dataDir) {
	try {
		return await lockDataDir(resolve(dataDir));
	} catch (error) {
		if (!(error instanceof DataDirLockedError)) throw error;
		throw new BackupError(
			`${error.message}\nStop the server for the backup or restore (kiosks keep their answers meanwhile).`
		);
	}
}

/**
 * Writes a backup of the embedded database in `dataDir` to `file` (created whole or not at all).
 * @param {string} dataDir
 * @param {string} file
 * @returns {Promise<{ file: string; bytes: number }>}
 */
export async function backupDataDir(dataDir, file) {
	const source = pgliteDir(dataDir);
	if (!existsSync(join(source, 'PG_VERSION'))) {
		throw new BackupError(`There is no embedded database in ${resolve(dataDir)}.`);
	}
	const release = await lock(dataDir);
	try {
		const pg = await PGlite.create(source);
		try {
			const tarball = await pg.dumpDataDir('gzip');
			const bytes = Buffer.from(await tarball.arrayBuffer());
			const target = resolve(file);
			mkdirSync(dirname(target), { recursive: true });
			// Written beside, then renamed: a backup interrupted half-way never looks complete.
			writeFileSync(`${target}.partial`, bytes);
			renameSync(`${target}.partial`, target);
			return { file: target, bytes: bytes.length };
		} finally {
			await pg.close();
		}
	} finally {
		release();
	}
}

/**
 * Restores a backup into `dataDir`, which must not hold a database yet.
 * @param {string} file
 * @param {string} dataDir
 * @returns {Promise<{ responses: number; units: number }>}
 */
export async function restoreDataDir(file, dataDir) {
	if (!existsSync(file)) throw new BackupError(`There is no backup file ${resolve(file)}.`);
	const target = pgliteDir(dataDir);
	if (existsSync(target) && readdirSync(target).length > 0) {
		throw new BackupError(
			`${resolve(dataDir)} already holds a database. Restore into an empty DATA_DIR ` +
				`(move the old one aside first: nothing is overwritten).`
		);
	}
	mkdirSync(target, { recursive: true });
	const release = await lock(dataDir);
	try {
		/** @type {PGlite} */
		let pg;
		try {
			pg = await PGlite.create(target, { loadDataDir: new Blob([readFileSync(file)]) });
		} catch (error) {
			// Leave the directory as empty as it was, so that a right file can go in next.
			rmSync(target, { recursive: true, force: true });
			throw new BackupError(
				`${resolve(file)} is not a backup of the embedded database (${/** @type {Error} */ (error).message}).`
			);
		}
		try {
			/** @type {{ rows: { responses: number; units: number }[] }} */
			const counted = await pg.query(
				'select (select count(*)::int from responses) as responses, (select count(*)::int from units) as units'
			);
			return counted.rows[0] ?? { responses: 0, units: 0 };
		} finally {
			await pg.close();
		}
	} finally {
		release();
	}
}
