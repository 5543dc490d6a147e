import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RunningServer {
	url: string;
	dataDir: string;
	/** Everything the server printed so far. */
	output(): string;
	/** SIGTERM, then wait for the exit code (SIGKILL after 10 s). */
	stop(): Promise<number | null>;
	process: ChildProcess;
}

export const ADMIN_PASSWORD = 'e2e-admin-password';

export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
		});
	});
}

/**
 * Starts the production build (`build/index.js`) on a free loopback port with a fresh
 * embedded data dir, and resolves once it listens. Rejects with the output if it exits first.
 */
export async function startServer(
	env: Record<string, string> = {},
	/** A fixed port (a restart that keeps the browser's origin) and another build directory. */
	options: { port?: number; build?: string } = {}
): Promise<RunningServer> {
	const port = options.port ?? (await freePort());
	const dataDir = env.DATA_DIR ?? mkdtempSync(join(tmpdir(), 'sipas-e2e-'));
	const url = `http://127.0.0.1:${port}`;
	const child = spawn(process.execPath, [`${options.build ?? 'build'}/index.js`], {
		env: {
			PATH: process.env.PATH,
			HOME: process.env.HOME,
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: url,
			DATA_DIR: dataDir,
			SIPAS_ADMIN_PASSWORD: ADMIN_PASSWORD,
			SHUTDOWN_TIMEOUT: '5',
			BODY_SIZE_LIMIT: '16M',
			// Two years of demo answers take ~25 s to load; suites that need them ask for them.
			DEMO_RESPONSES: '0',
			...env
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	child.stdout!.on('data', (chunk) => (output += chunk));
	child.stderr!.on('data', (chunk) => (output += chunk));
	const exited = new Promise<number | null>((resolve) =>
		child.once('exit', (code) => resolve(code))
	);

	await new Promise<void>((resolve, reject) => {
		const timer = setTimeout(
			() => reject(new Error(`server did not start in 60 s:\n${output}`)),
			60_000
		);
		const check = () => {
			if (output.includes('Listening on')) {
				clearTimeout(timer);
				resolve();
			}
		};
		child.stdout!.on('data', check);
		void exited.then((code) => {
			clearTimeout(timer);
			reject(new Error(`server exited with ${code}:\n${output}`));
		});
	});

	return {
		url,
		dataDir,
		process: child,
		output: () => output,
		async stop() {
			if (child.exitCode !== null) return child.exitCode;
			child.kill('SIGTERM');
			const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
			const code = await exited;
			clearTimeout(killer);
			return code;
		}
	};
}

/** Runs the built server expecting it to exit by itself; resolves with its code and output. */
export async function runServerToExit(
	env: Record<string, string>
): Promise<{ code: number | null; output: string }> {
	const port = await freePort();
	const child = spawn(process.execPath, ['build/index.js'], {
		env: { PATH: process.env.PATH, PORT: String(port), HOST: '127.0.0.1', ...env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	child.stdout!.on('data', (chunk) => (output += chunk));
	child.stderr!.on('data', (chunk) => (output += chunk));
	const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
	const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
	clearTimeout(timer);
	return { code, output };
}
