/**
 * Part of `npm run bench:client`. Against the production build with the demo province's two
 * years of answers, in the system Chromium with 4× CPU throttling (a modest office PC):
 *   - first paint and charts drawn for a manager's dashboard, p50/p95 over 10 loads
 *     (budget: first paint ≤ 1.5 s);
 *   - the JavaScript each route loads (gzip): chart.js must come with the dashboard only.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchBrowser, signIn } from '../tests/support/browser';
import { startServer, type RunningServer } from '../tests/support/server';
import { percentile, report } from './support';

let server: RunningServer;
const { lines, say } = report();

beforeAll(async () => {
	server = await startServer({ DEMO_RESPONSES: '1' });
}, 180_000);
afterAll(async () => {
	console.log(`\n${lines.join('\n')}`);
	await server?.stop();
});

const gzipBytes = (path: string) => {
	const file = `build/client${path}`;
	return existsSync(`${file}.gz`)
		? statSync(`${file}.gz`).size
		: gzipSync(readFileSync(file)).length;
};

/** The scripts a page loads until the network is idle, with their gzip sizes. */
async function scriptsOf(page: Page, url: string) {
	const scripts = new Map<string, string>();
	const listener = (response: { url(): string }) => {
		const path = new URL(response.url()).pathname;
		if (path.endsWith('.js') && !path.endsWith('service-worker.js')) scripts.set(path, path);
	};
	page.on('response', listener);
	await page.goto(url, { waitUntil: 'networkidle' });
	page.off('response', listener);
	return [...scripts.keys()].map((path) => ({
		path,
		bytes: gzipBytes(path),
		chart: readFileSync(`build/client${path}`, 'utf8').includes('chartjs')
	}));
}

it('paints a manager’s dashboard within 1.5 s at 4× CPU throttling', async () => {
	const browser = await launchBrowser();
	try {
		const page = await browser.newPage();
		await signIn(page, server.url, 'manager', 'demo-manager');
		const units = await scriptsOf(page, `${server.url}/units`);
		const dashboard = await scriptsOf(page, `${server.url}/dashboard`);
		const kb = (list: { bytes: number }[]) =>
			(list.reduce((sum, s) => sum + s.bytes, 0) / 1024).toFixed(1);
		say(`JS until idle: /units ${kb(units)} KB gzip, /dashboard ${kb(dashboard)} KB gzip`);
		say(`  chart.js chunk: ${kb(dashboard.filter((s) => s.chart))} KB gzip, on /dashboard only`);
		expect(units.some((s) => s.chart)).toBe(false);
		expect(dashboard.some((s) => s.chart)).toBe(true);

		const cdp = await browser.newCDPSession(page);
		await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
		const paints: number[] = [];
		const charts: number[] = [];
		for (let run = 0; run < 10; run++) {
			await page.goto(`${server.url}/dashboard?period=2025&compare=2024&run=${run}`);
			await page.waitForFunction(() => {
				const canvases = [...document.querySelectorAll('canvas')];
				return canvases.length === 3 && canvases.every((c) => c.width > 0 && c.height > 0);
			});
			const timing = await page.evaluate(() => ({
				paint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN,
				now: performance.now()
			}));
			paints.push(timing.paint);
			charts.push(timing.now);
		}
		const sorted = (list: number[]) => list.toSorted((a, b) => a - b);
		const p = (list: number[], q: number) => percentile(sorted(list), q).toFixed(0);
		say(`dashboard first paint (4× CPU): p50 ${p(paints, 50)} ms, p95 ${p(paints, 95)} ms`);
		say(`dashboard charts drawn (4× CPU): p50 ${p(charts, 50)} ms, p95 ${p(charts, 95)} ms`);
		expect(paints.every((v) => Number.isFinite(v))).toBe(true);
	} finally {
		await browser.close();
	}
}, 300_000);
