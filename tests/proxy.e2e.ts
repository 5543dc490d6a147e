import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anAnswer } from './support/answers';
import { startCaddy, type Caddy } from './support/caddy';
import { vietnamToday } from './support/entry';
import { signedIn } from './support/http';
import { ADMIN_PASSWORD, freePort, startServer, type RunningServer } from './support/server';

/**
 * The server behind a real reverse proxy (Caddy, Debian's package, as `deploy/` will run
 * it): every connection reaches the app from the proxy's address, so without
 * `ADDRESS_HEADER` one sender's failed sign-ins or answers would count against everyone.
 * Clients here connect from their own loopback addresses (127.0.0.2, 127.0.0.3…).
 */

/** A POST from a given local address, as a separate client on the LAN would send it. */
function postFrom(
	from: string,
	url: string,
	type: string,
	body: string,
	headers: Record<string, string> = {}
): Promise<{ status: number; body: string }> {
	return new Promise((resolve, reject) => {
		const target = new URL(url);
		const sent = request(
			{
				host: target.hostname,
				port: target.port,
				path: target.pathname + target.search,
				method: 'POST',
				localAddress: from,
				headers: { 'content-type': type, origin: target.origin, ...headers }
			},
			(reply) => {
				let text = '';
				reply.on('data', (chunk) => (text += chunk));
				reply.on('end', () => resolve({ status: reply.statusCode!, body: text }));
			}
		);
		sent.on('error', reject);
		sent.end(body);
	});
}

describe('behind a reverse proxy, each client is itself', () => {
	let app: RunningServer;
	let proxy: Caddy;
	beforeAll(async () => {
		const port = await freePort();
		proxy = await startCaddy([`http://127.0.0.1:${port}`]);
		app = await startServer(
			{ ORIGIN: proxy.url, ADDRESS_HEADER: 'X-Forwarded-For', XFF_DEPTH: '1' },
			{ port }
		);
	});
	afterAll(async () => {
		await proxy?.stop();
		await app?.stop();
	});

	const signIn = (from: string, username: string, password: string, spoof?: string) =>
		postFrom(
			from,
			`${proxy.url}/login`,
			'application/x-www-form-urlencoded',
			new URLSearchParams({ username, password }).toString(),
			{ accept: 'text/html', ...(spoof ? { 'x-forwarded-for': spoof } : {}) }
		);

	it('counts failed sign-ins per client, not per proxy, and a forged header changes nothing', async () => {
		// 30 failures from one client (a different account each: no waits) fill its address limit.
		for (let i = 0; i < 30; i++) {
			const reply = await signIn('127.0.0.2', `ghost${i}`, 'guess', `10.0.0.${i}`);
			expect(reply.status).toBe(400);
		}
		expect((await signIn('127.0.0.2', 'admin', 'guess', '10.9.9.9')).status).toBe(429);
		// Another client behind the same proxy is not locked out.
		expect((await signIn('127.0.0.3', 'staff', 'demo-staff-1')).status).toBe(303);
	});

	it('holds a flood of public answers from one client, not from everyone', async () => {
		const sync = (from: string, count: number) =>
			postFrom(
				from,
				`${proxy.url}/api/sync`,
				'application/json',
				JSON.stringify({ responses: Array.from({ length: count }, () => anAnswer()) })
			).then((reply) => {
				expect(reply.status).toBe(200);
				return (JSON.parse(reply.body) as { results: { status: string }[] }).results.map(
					(r) => r.status
				);
			});
		const admin = await signedIn(proxy.url, 'admin', ADMIN_PASSWORD);
		const counted = async () => {
			const q = `unit=DEMO.X01&instrument=sipas-service-2023&from=${vietnamToday()}&to=${vietnamToday()}`;
			return ((await (await admin.request(`/api/indices?${q}`)).json()) as { n: number }).n;
		};
		// Stored either way (the sender is not told); the flood is held out of the counters.
		expect(await sync('127.0.0.4', 21)).toEqual(Array(21).fill('created'));
		expect(await counted()).toBe(0);
		expect(await sync('127.0.0.5', 2)).toEqual(['created', 'created']);
		expect(await counted()).toBe(2);
	});

	it('serves /metrics to this machine only, never through the proxy', async () => {
		expect((await fetch(`${app.url}/metrics`)).status).toBe(200);
		const through = await fetch(`${proxy.url}/metrics`);
		expect(through.status).toBe(404);
		expect(await through.text()).not.toContain('sipas_');
	});
});
