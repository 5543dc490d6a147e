import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './server';

/** Caddy (Debian's package, as `deploy/` runs it) on a free loopback port. */
export interface Caddy {
	url: string;
	/** Caddy's data directory: its internal CA's root certificate is under it. */
	dir: string;
	stop(): Promise<void>;
}

const listening = (port: number) =>
	new Promise<boolean>((resolve) => {
		const socket = connect(port, '127.0.0.1', () => resolve(!!socket.end()));
		socket.on('error', () => resolve(false));
	});

/**
 * Starts Caddy in front of `upstreams`: plain http, or https with Caddy's internal CA (as
 * `deploy/Caddyfile.lan`), balancing round robin over the upstreams that answer
 * /api/health and retrying a request on another one while one is down.
 */
export async function startCaddy(
	upstreams: readonly string[],
	options: { https?: boolean } = {}
): Promise<Caddy> {
	const port = await freePort();
	const dir = mkdtempSync(join(tmpdir(), 'sipas-caddy-'));
	const config = join(dir, 'Caddyfile');
	const scheme = options.https ? 'https' : 'http';
	const hosts = upstreams.map((u) => u.replace('http://', '')).join(' ');
	writeFileSync(
		config,
		[
			'{',
			'\tadmin off',
			// Never into the system's trust store: the tests trust the root where they need it.
			options.https ? '\tskip_install_trust\n\tauto_https disable_redirects' : '\tauto_https off',
			'}',
			`${scheme}://127.0.0.1:${port} {`,
			'\tbind 127.0.0.1',
			options.https ? '\ttls internal' : '',
			`\treverse_proxy ${hosts} {`,
			'\t\tlb_policy round_robin',
			'\t\tlb_try_duration 5s',
			// Several upstreams: those that do not answer are left out (one is enough for none).
			upstreams.length > 1 ? '\t\thealth_uri /api/health\n\t\thealth_interval 1s' : '',
			'\t}',
			'}',
			''
		].join('\n')
	);
	const caddy: ChildProcess = spawn(
		'caddy',
		['run', '--config', config, '--adapter', 'caddyfile'],
		{
			env: { PATH: process.env.PATH, HOME: dir, XDG_DATA_HOME: dir, XDG_CONFIG_HOME: dir },
			stdio: 'ignore'
		}
	);
	for (let tries = 0; !(await listening(port)); tries++) {
		if (tries > 100 || caddy.exitCode !== null) throw new Error('caddy did not start');
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	return {
		url: `${scheme}://127.0.0.1:${port}`,
		dir,
		stop: async () => {
			caddy.kill('SIGTERM');
			if (caddy.exitCode === null) await new Promise((resolve) => caddy.once('exit', resolve));
		}
	};
}

/** The root certificate of Caddy's internal CA, once Caddy has made it. */
export async function caddyRoot(caddy: Caddy): Promise<string> {
	const file = join(caddy.dir, 'caddy/pki/authorities/local/root.crt');
	for (let tries = 0; !existsSync(file); tries++) {
		if (tries > 100) throw new Error(`no root certificate at ${file}`);
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	return file;
}
