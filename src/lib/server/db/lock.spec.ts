import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { DataDirLockedError, lockDataDir } from './lock';

const tempDir = () => mkdtempSync(join(tmpdir(), 'sipas-lock-'));

describe('data dir lock', () => {
	it('is taken, refused to another live process, and released', async () => {
		const dir = tempDir();
		// A live process that is not us holds the lock.
		const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
		try {
			writeFileSync(join(dir, 'server.lock'), JSON.stringify({ pid: other.pid, since: 'earlier' }));
			expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
			expect(() => lockDataDir(dir)).toThrow(
				new RegExp(`in use by another SIPAS server \\(pid ${other.pid}`)
			);
		} finally {
			other.kill();
		}
		await new Promise((resolve) => other.once('exit', resolve));
		const release = lockDataDir(dir);
		expect(JSON.parse(readFileSync(join(dir, 'server.lock'), 'utf8')).pid).toBe(process.pid);
		release();
		expect(existsSync(join(dir, 'server.lock'))).toBe(false);
	});

	it('takes over a lock left by a process that is gone, or a half-written one', () => {
		const dir = tempDir();
		writeFileSync(join(dir, 'server.lock'), JSON.stringify({ pid: 2 ** 22 + 12345 }));
		const release = lockDataDir(dir);
		expect(JSON.parse(readFileSync(join(dir, 'server.lock'), 'utf8')).pid).toBe(process.pid);
		release();
		writeFileSync(join(dir, 'server.lock'), '{"pid":');
		expect(typeof lockDataDir(dir)).toBe('function');
	});
});

describe('data dir lock within one process', () => {
	it('refuses a second open of a dir this process holds', () => {
		const dir = tempDir();
		const release = lockDataDir(dir);
		expect(() => lockDataDir(dir)).toThrow(/already open in this process/);
		release();
		release();
		expect(typeof lockDataDir(dir)).toBe('function');
	});
});
