import { createHash } from 'node:crypto';
import { readFileSync, realpathSync, unlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

export class DataDirLockedError extends Error {}

// Plain JavaScript with JSDoc types: `npm run backup` (scripts/backup.js, run by Node without
// a build step) takes the same lock as the server.

/**
 * Why a socket and not a lock file: two PGlite processes on one directory silently lose one
 * side's writes, so the lock must never be held twice and never outlive its process. A file
 * holding a pid does neither: after a crash the pid may belong to another process (the
 * server then refused to start until someone deleted the file), and two servers taking over
 * a stale file at once could both succeed. The kernel does both for a listening socket in
 * Linux's abstract namespace: binding a name is atomic, a second bind fails, and the name is
 * freed the moment its process ends, however it ends. No file, nothing stale.
 *
 * `server.lock` beside the database only tells people who holds it (pid, since); it is not
 * the lock. Node offers no `flock`, and this needs no native module.
 */

/** Dirs this process holds, by real path. @type {Map<string, import('node:net').Server>} */
const held = new Map();

/** @param {string} dir */
const lockName = (dir) =>
	`\0sipas-data-dir-${createHash('sha256').update(dir).digest('hex').slice(0, 40)}`;

/** @param {string} path @returns {{ pid?: number; since?: string }} */
function ownerOf(path) {
	try {
		return JSON.parse(readFileSync(path, 'utf8'));
	} catch {
		return {};
	}
}

/**
 * Takes the exclusive lock on an embedded data dir (which must exist), or fails with
 * `DataDirLockedError` when another process holds it. Linux only, as the servers are.
 * Resolves to the function that releases it.
 * @param {string} dir
 * @returns {Promise<() => void>}
 */
export async function lockDataDir(dir) {
	const real = realpathSync(dir);
	if (held.has(real)) {
		throw new DataDirLockedError(
			`The embedded database in ${dir} is already open in this process.`
		);
	}
	const info = join(real, 'server.lock');
	const server = createServer((socket) => socket.destroy());
	try {
		await new Promise((resolve, reject) => {
			server.once('error', reject);
			server.listen(lockName(real), () => resolve(undefined));
		});
	} catch (error) {
		if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'EADDRINUSE') throw error;
		const owner = ownerOf(info);
		throw new DataDirLockedError(
			`The embedded database in ${dir} is in use by another SIPAS server` +
				(owner.pid ? ` (pid ${owner.pid}, since ${owner.since})` : '') +
				'. Stop that server first, or give this one another DATA_DIR. Two servers on one data dir would lose data.'
		);
	}
	server.unref();
	held.set(real, server);
	writeFileSync(info, JSON.stringify({ pid: process.pid, since: new Date().toISOString() }));
	return () => {
		if (!held.delete(real)) return;
		if (ownerOf(info).pid === process.pid) {
			try {
				unlinkSync(info);
			} catch {
				// Already gone: nothing to tidy.
			}
		}
		server.close();
	};
}
