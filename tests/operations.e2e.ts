import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axe, launchBrowser, signIn } from './support/browser';
import { anAnswer } from './support/answers';
import { Client } from './support/http';
import { ADMIN_PASSWORD, startServer, type RunningServer } from './support/server';

/**
 * Running the system (issue 18, item 5): JSON log lines with each request's id, Prometheus
 * metrics behind a token, and the admins' status page.
 */

const TOKEN = 'metrics-token-for-the-e2e-run-0123456789';
let server: RunningServer;
let browser: BrowserContext;

beforeAll(async () => {
	server = await startServer({ METRICS_TOKEN: TOKEN });
	browser = await launchBrowser();
});
afterAll(async () => {
	await browser?.close();
	await server?.stop();
});

const metrics = (authorization?: string) =>
	fetch(`${server.url}/metrics`, { headers: authorization ? { authorization } : {} });

describe('running the system', () => {
	it('writes one JSON line a request, under the id the response carries', async () => {
		const reply = await fetch(`${server.url}/api/health`);
		const id = reply.headers.get('x-request-id');
		expect(id).toMatch(/^[0-9a-f-]{36}$/);
		// A proxy's own id is kept; a strange one is replaced.
		const passed = await fetch(`${server.url}/login`, {
			headers: { 'x-request-id': 'caddy-1234abcd' }
		});
		expect(passed.headers.get('x-request-id')).toBe('caddy-1234abcd');
		const odd = await fetch(`${server.url}/login`, { headers: { 'x-request-id': 'a b\u00e9' } });
		expect(odd.headers.get('x-request-id')).not.toBe('a b\u00e9');
		await expect
			.poll(() =>
				server
					.output()
					.split('\n')
					.find((line) => line.includes(`"req":"${id}"`))
			)
			.toBeDefined();
		const line = server
			.output()
			.split('\n')
			.find((l) => l.includes(`"req":"${id}"`))!;
		expect(JSON.parse(line)).toMatchObject({
			level: 'info',
			req: id,
			method: 'GET',
			route: '/api/health',
			status: 200,
			msg: 'request'
		});
	});

	it('serves Prometheus metrics with the token only', async () => {
		expect((await metrics()).status).toBe(404);
		expect((await metrics('Bearer wrong')).status).toBe(404);
		expect((await metrics(`Bearer ${TOKEN}x`)).status).toBe(404);
		// A public answer, so that sync and ingest have something to count.
		const sync = await fetch(`${server.url}/api/sync`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', origin: server.url },
			body: JSON.stringify({ responses: [anAnswer()] })
		});
		expect(sync.status).toBe(200);
		const reply = await metrics(`Bearer ${TOKEN}`);
		expect(reply.status).toBe(200);
		expect(reply.headers.get('content-type')).toContain('text/plain');
		const text = await reply.text();
		expect(text).toMatch(
			/^sipas_http_requests_total\{route="\/api\/health",method="GET",status="200"\} [1-9]/m
		);
		expect(text).toMatch(/^sipas_sync_batches_total\{sender="public",outcome="stored"\} 1$/m);
		expect(text).toMatch(/^sipas_answers_total\{status="created"\} [1-9]/m);
		expect(text).toMatch(/^sipas_ingest_duration_seconds_count [1-9]/m);
		expect(text).toMatch(/^sipas_held_answers 0$/m);
		expect(text).toMatch(/^sipas_quarantined_open 0$/m);
		expect(text).toMatch(/^sipas_process_resident_memory_bytes \d+/m);
	});

	it('shows an admin the queues, the kiosks to check and the database, and nobody else', async () => {
		const page = await browser.newPage();
		try {
			await signIn(page, server.url, 'admin', ADMIN_PASSWORD);
			await page.goto(`${server.url}/admin`, { waitUntil: 'networkidle' });
			await page.getByRole('link', { name: 'Tình trạng hệ thống' }).click();
			await page.waitForURL(`${server.url}/admin/status`);
			expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
				'Tình trạng hệ thống'
			);
			expect(await page.getByTestId('status.held').textContent()).toBe('0');
			expect(await page.getByTestId('database-size').textContent()).toMatch(/^[\d,.]+ [MG]B$/);
			expect(await axe(page)).toEqual([]);
		} finally {
			await page.close();
		}
		const manager = new Client(server.url);
		await manager.signIn('manager', 'demo-manager');
		expect((await manager.request('/admin/status')).status).toBe(403);
	});
});
