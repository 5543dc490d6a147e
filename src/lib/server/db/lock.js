import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export class DataDirLockedError extends Error {}

// Plain JavaScript with JSDoc types: `npm run backup` (scripts/backup.js, run by Node without
// a build step) takes the same lock as the server.

/** Dirs this process holds. A lock file with our own pid that is not here is from an earlier
 * run that reused the pid (PID 1 in a container restarts as PID 1), hence stale. */
/** @type {Set<string>} */
const held = new Set();

/** @param {number} pid */
function isRunning(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		// EPERM: the process exists but belongs to someone else.
		return /** @type {NodeJS.ErrnoException} */ (error).code === 'EPERM';
	}
}

/**
 * Takes an exclusive lock on an embedded data dir, because two PGlite processes on one
 * directory silently lose one side's writes. The lock is a file created with O_EXCL holding
 * the owner's pid; a lock whose process is gone is stale and taken over.
 * Returns the function that releases it.
 * @param {string} dir
 * @returns {() => void}
 */
export function lockDataDir(dir) {
	const path = join(dir, 'server.lock');
	if (held.has(path)) {
		throw new DataDirLockedError(
			`The embedded database in ${dir} is already open in this process.`
		);
	}
	for (let attempt = 0; attempt < 2; attempt++) {
		try {
			const fd = openSync(path, 'wx');
			writeSync(fd, JSON.stringify({ pid: process.pid, since: new Date().toISOString() }));
			closeSync(fd);
			held.add(path);
			return () => {
				if (!held.delete(path)) return;
				try {
					unlinkSync(path);
				} catch {
					// Already gone: nothing to release.
				}
			};
		} catch (error) {
			if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'EEXIST') throw error;
			/** @type {{ pid?: number; since?: string }} */
			let owner = {};
			try {
				owner = JSON.parse(readFileSync(path, 'utf8'));
			} catch {
				// A half-written lock is treated as stale.
			}
			if (owner.pid && owner.pid !== process.pid && isRunning(owner.pid)) {
				throw new DataDirLockedError(
					`The embedded database in ${dir} is in use by another SIPAS server (pid ${owner.pid}, ` +
						`since ${owner.since}). Stop that server first, or give this one another DATA_DIR. ` +
						`Two servers on one data dir would lose data. If no such server runs, delete ${path}.`
				);
			}
			unlinkSync(path);
		}
	}
	throw new DataDirLockedError(`Could not lock ${dir}: another server took it at the same moment.`);
}
