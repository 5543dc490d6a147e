import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataDirLockedError, lockDataDir } from './lock';

const tempDir = () => mkdtempSync(join(tmpdir(), 'sipas-lock-'));
const lockModule = new URL('./lock.js', import.meta.url).href;

/** Another process that tries the lock, says `locked` or `refused`, and holds on until killed. */
function contender(dir: string): { process: ChildProcess; said: Promise<string> } {
	const child = spawn(
		process.execPath,
		[
			'--input-type=module',
			'-e',
			`const { lockDataDir } = await import(${JSON.stringify(lockModule)});
			try { await lockDataDir(${JSON.stringify(dir)}); console.log('locked'); }
			catch (error) { console.log('refused'); }
			setInterval(() => {}, 1000);`
		],
		{ stdio: ['ignore', 'pipe', 'inherit'] }
	);
	const said = new Promise<string>((resolve) =>
		child.stdout!.once('data', (chunk) => resolve(String(chunk).trim()))
	);
	return { process: child, said };
}

const killed = (child: ChildProcess, signal: NodeJS.Signals = 'SIGKILL') => {
	child.kill(signal);
	return new Promise((resolve) => child.once('exit', resolve));
};

describe('data dir lock', () => {
	it('is refused while another process holds it, and free the moment that process dies', async () => {
		const dir = tempDir();
		const holder = contender(dir);
		expect(await holder.said).toBe('locked');
		await expect(lockDataDir(dir)).rejects.toThrow(DataDirLockedError);
		await expect(lockDataDir(dir)).rejects.toThrow(
			new RegExp(`in use by another SIPAS server \\(pid ${holder.process.pid}`)
		);
		// A crash leaves its note behind, and nothing for anyone to delete by hand.
		await killed(holder.process);
		expect(JSON.parse(readFileSync(join(dir, 'server.lock'), 'utf8')).pid).toBe(holder.process.pid);
		const release = await lockDataDir(dir);
		expect(JSON.parse(readFileSync(join(dir, 'server.lock'), 'utf8')).pid).toBe(process.pid);
		release();
		expect(existsSync(join(dir, 'server.lock'))).toBe(false);
	});

	it('ignores a note naming a pid that now belongs to another live process', async () => {
		const dir = tempDir();
		const unrelated = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
		try {
			writeFileSync(join(dir, 'server.lock'), JSON.stringify({ pid: unrelated.pid, since: 'x' }));
			const release = await lockDataDir(dir);
			release();
		} finally {
			await killed(unrelated);
		}
		writeFileSync(join(dir, 'server.lock'), '{"pid":');
		(await lockDataDir(dir))();
		expect(existsSync(join(dir, 'server.lock'))).toBe(false);
	});

	it('goes to exactly one of several processes that take it at the same moment', async () => {
		const dir = tempDir();
		writeFileSync(join(dir, 'server.lock'), JSON.stringify({ pid: 2 ** 22 + 12345 }));
		const racers = Array.from({ length: 4 }, () => contender(dir));
		try {
			const said = await Promise.all(racers.map((racer) => racer.said));
			expect(said.filter((word) => word === 'locked')).toHaveLength(1);
			expect(said.filter((word) => word === 'refused')).toHaveLength(3);
		} finally {
			await Promise.all(racers.map((racer) => killed(racer.process)));
		}
	});
});

describe('data dir lock within one process', () => {
	it('refuses a second open of a dir this process holds', async () => {
		const dir = tempDir();
		const release = await lockDataDir(dir);
		await expect(lockDataDir(dir)).rejects.toThrow(/already open in this process/);
		release();
		release();
		(await lockDataDir(dir))();
		expect(existsSync(join(dir, 'server.lock'))).toBe(false);
	});
});
