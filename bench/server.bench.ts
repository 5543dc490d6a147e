/**
 * `npm run bench:server` — not part of `npm test`. For PGlite, and for PostgreSQL when
 * BENCH_DATABASE_URL is set (a server where the user may create databases):
 *   - sustained ingest rate through ingest() in batches of 500 (validation, idempotent
 *     insert, rollup counters, one transaction per batch);
 *   - the raw COPY rate of the same rows: the ceiling;
 *   - the bulk path (demo loader) rate;
 *   - p50/p95 of the department and commune rankings for a province-year at 1 M responses
 *     (10 M with BENCH_SCALE=10; a province of 640 units with BENCH_UNITS=640), next to a
 *     naive GROUP BY over the raw answers;
 *   - p50/p95 of the dashboard's whole server load (headline, elements, items, monthly
 *     trend, ranking, heatmap, summary) for the province and for one ward, and of the
 *     breakdown by respondent (raw answers) for the same views;
 *   - the raw CSV export of the year: in process (time), and from the production server
 *     as a manager downloads it (time, and the server process's RSS from /proc).
 * PGlite runs on disk, as the server runs it. `vite build` comes first (npm run bench:server).
 * BENCH_PART=ingest measures only the write path. Figures go to BENCHMARKS.md by hand, with
 * the machine and the date.
 */
import { cpus, totalmem } from 'node:os';
import { expect, it } from 'vitest';
import { shippedInstruments } from '$lib/survey/shipped';
import { bulkLoad } from '$lib/server/demo/province';
import { demoResponses } from '$lib/server/demo/responses';
import { createUser } from '$lib/server/people/service';
import * as units from '$lib/server/units/units.repository';
import * as users from '$lib/server/people/users.repository';
import { loadDashboard } from '$lib/server/dashboard/service';
import { breakdownOf } from '$lib/server/dashboard/breakdown';
import { ranking } from '$lib/server/dashboard/aggregates';
import { exportCsv } from '$lib/server/interchange/exportCsv';
import { aView } from '$lib/server/testing';
import { ingest } from '$lib/server/responses/ingest';
import { inputOf } from '$lib/server/responses/rows';
import { syncShippedInstruments } from '$lib/server/instruments/service';
import { Client } from '../tests/support/http';
import { startServer } from '../tests/support/server';
import { report, rssOf } from './support';
import { benchDatabase, benchProvince, copyRows, timeRuns } from './database';

const service = shippedInstruments.find((i) => i.code === 'sipas-service-2023')!;
const SCALE = Number(process.env.BENCH_SCALE ?? 1);
/** Units in the province (BENCH_UNITS=640 for Hà Nội's size); the demo's 143 by default. */
const UNITS = Number(process.env.BENCH_UNITS ?? 0);
const INGEST_ROWS = 20_000;
const { say } = report();

/** Both engines when BENCH_DATABASE_URL is set; BENCH_ENGINE=postgres|pglite picks one. */
const engines = (process.env.BENCH_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite']).filter(
	(engine) => !process.env.BENCH_ENGINE || engine === process.env.BENCH_ENGINE
) as ('pglite' | 'postgres')[];

it.each(engines)('server benchmark on %s', async (engine) => {
	const { db, close, serverEnv } = await benchDatabase(engine);
	try {
		await syncShippedInstruments(db);
		await db.transaction((tx) => units.insertMany(tx, benchProvince(UNITS)));
		const created = await createUser(
			db,
			{
				username: 'bench',
				role: 'admin',
				unitCode: null,
				password: 'x'.repeat(12),
				displayName: ''
			},
			null
		);
		if (!created.ok) throw new Error('no admin');
		const admin = (await users.get(db, created.value))!;
		// The province as it stands (20 departments, 40 communes): the old communes, ended with the
		// 2025 reform, are left out so the figures stay comparable with the earlier ones.
		const members = (await units.list(db)).filter(
			(u) => (u.kind === 'department' || u.kind === 'commune') && !u.validTo
		);
		// The ingest samples are of 2024, through an admin's import path (any channel, no
		// batch): units that existed then (the communes of the 2025 reform did not).
		const existed2024 = members.filter((u) => u.kind === 'department');
		say(
			`\n## ${engine} (${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, ${new Date().toISOString().slice(0, 10)})`
		);

		// 1. ingest() in batches of 500, into an empty year (2024).
		const sample = demoResponses({
			instrument: service,
			units: existed2024,
			from: '2024-01-01',
			to: '2024-12-31',
			perDay: 3.4,
			seed: 3
		}).slice(0, INGEST_ROWS);
		let started = performance.now();
		for (let i = 0; i < sample.length; i += 500) {
			const results = await ingest(
				db,
				sample.slice(i, i + 500).map(inputOf),
				{ user: admin },
				{ history: true }
			);
			expect(results.filter((r) => r.status !== 'created')).toEqual([]);
		}
		const ingestRate = sample.length / ((performance.now() - started) / 1000);
		say(
			`ingest() batches of 500: ${Math.round(ingestRate)} responses/s, one at a time (${sample.length} responses)`
		);

		// Many kiosks send at once: four batches in flight (PGlite has one connection and serialises them).
		const concurrent = demoResponses({
			instrument: service,
			units: existed2024,
			from: '2023-01-01',
			to: '2023-12-31',
			perDay: 3.4,
			seed: 5
		}).slice(0, INGEST_ROWS);
		const batches: (typeof concurrent)[] = [];
		for (let i = 0; i < concurrent.length; i += 500) batches.push(concurrent.slice(i, i + 500));
		started = performance.now();
		await Promise.all(
			[0, 1, 2, 3].map(async (lane) => {
				for (let b = lane; b < batches.length; b += 4) {
					const results = await ingest(
						db,
						batches[b]!.map(inputOf),
						{ user: admin },
						{ history: true }
					);
					if (results.some((r) => r.status !== 'created')) throw new Error('ingest refused a row');
				}
			})
		);
		const concurrentRate = concurrent.length / ((performance.now() - started) / 1000);
		say(
			`ingest() 4 batches in flight: ${Math.round(concurrentRate)} responses/s (${concurrent.length} responses)`
		);

		// 2. The ceiling: COPY of the same rows into a bare copy of the table.
		await db.exec('create table bench_copy (like responses including defaults)');
		started = performance.now();
		for (let i = 0; i < sample.length; i += 5000) await copyRows(db, sample.slice(i, i + 5000));
		const copyRate = sample.length / ((performance.now() - started) / 1000);
		say(
			`raw COPY (ceiling):       ${Math.round(copyRate)} rows/s → ingest at ${((100 * ingestRate) / copyRate).toFixed(0)} % of the ceiling`
		);
		await db.exec('drop table bench_copy');

		// BENCH_PART=ingest stops here (quick runs while tuning the write path).
		if (process.env.BENCH_PART === 'ingest') return;

		// 3. A province-year at 1 M responses (×BENCH_SCALE), through the bulk path, ~100 000
		// answers a load (each ends with an ANALYZE: unit by unit, 640 of them halved the rate).
		const perDay = (1_000_000 * SCALE) / members.length / 308;
		const group = Math.max(1, Math.round(100_000 / (perDay * 308)));
		started = performance.now();
		let loaded = 0;
		for (let i = 0; i < members.length; i += group) {
			const rows = demoResponses({
				instrument: service,
				units: members.slice(i, i + group).map((unit) => ({ ...unit, validFrom: null })),
				from: '2025-01-01',
				to: '2025-12-31',
				perDay,
				seed: loaded + 1
			});
			const { inserted, skipped } = await bulkLoad(db, rows, service);
			expect(skipped, `units ${i}–${i + group - 1}: ids the bulk load did not store`).toEqual([]);
			loaded += inserted;
		}
		say(
			`bulk load:                ${Math.round(loaded / ((performance.now() - started) / 1000))} responses/s (${loaded} responses for 2025)`
		);
		const [{ rows: counterRows } = { rows: 0 }] = await db.query<{ rows: number }>(
			'select count(*)::int as rows from rollups'
		);
		say(`rollup rows:              ${counterRows}`);

		// 4. Rankings for the province-year vs a naive GROUP BY over raw answers.
		const year = { from: '2025-01-01', to: '2025-12-31' };
		const compare = { from: '2024-01-01', to: '2024-12-31' };
		const rank = (kind: 'department' | 'commune') =>
			ranking(db, { parent: 'DEMO', kind, instrument: service, period: year, compare });
		const departments = await timeRuns(30, () => rank('department'));
		const communes = await timeRuns(30, () => rank('commune'));
		say(
			`rankings (departments):   p50 ${departments.p50.toFixed(0)} ms, p95 ${departments.p95.toFixed(0)} ms`
		);
		say(
			`rankings (communes):      p50 ${communes.p50.toFixed(0)} ms, p95 ${communes.p95.toFixed(0)} ms`
		);
		const naive = await timeRuns(3, () =>
			db.query(
				`select unit_code, e.key, e.value, count(*) from responses, jsonb_each(answers) e
				where day between '2025-01-01' and '2025-12-31' group by 1, 2, 3`
			)
		);
		say(
			`naive GROUP BY raw:       p50 ${naive.p50.toFixed(0)} ms (${(naive.p50 / departments.p50).toFixed(0)}× the rankings)`
		);

		// 5. What /dashboard loads for the province-year, year to date and for one ward.
		const province = (await units.get(db, 'DEMO'))!;
		const ward = (await units.get(db, 'DEMO.X01'))!;
		const dashboards = [
			['province, 2025 vs 2024', province, 'period=2025&compare=2024'],
			['province, Jan–Nov 2025', province, 'period=custom&from=2025-01-01&to=2025-11-30'],
			['communes, 2025 vs 2024', province, 'period=2025&compare=2024&block=commune'],
			[
				'communes, Jan–Nov 2025',
				province,
				'period=custom&from=2025-01-01&to=2025-11-30&block=commune'
			],
			['one ward, 2025 vs 2024', ward, 'unit=DEMO.X01&period=2025&compare=2024']
		] as const;
		for (const [label, unit, search] of dashboards) {
			const times = await timeRuns(30, () => loadDashboard(db, aView(search), unit, service, 'vi'));
			say(`dashboard (${label}): p50 ${times.p50.toFixed(0)} ms, p95 ${times.p95.toFixed(0)} ms`);
		}
		// The breakdown by respondent reads the raw answers (a cross-tab the counters cannot give);
		// a block does not change it.
		for (const [label, unit, search] of dashboards.filter(([, , s]) => !s.includes('block'))) {
			const view = { query: aView(search), unit, instrument: service };
			const times = await timeRuns(5, () => breakdownOf(db, view, 'gender'));
			say(
				`by respondent (${label}): p50 ${times.p50.toFixed(0)} ms, p95 ${times.p95.toFixed(0)} ms`
			);
		}

		// 6. The raw CSV export of that year, streamed to nowhere, with the process RSS sampled.
		const rss: number[] = [];
		const before = process.memoryUsage().rss;
		const sampler = setInterval(() => rss.push(process.memoryUsage().rss), 50);
		started = performance.now();
		let bytes = 0;
		let lines = 0;
		const reader = exportCsv(db, {
			units: members.map((u) => u.code),
			instrument: service,
			from: '2025-01-01',
			to: '2025-12-31'
		}).getReader();
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			bytes += value.length;
			for (const byte of value) if (byte === 10) lines++;
		}
		clearInterval(sampler);
		const mib = (n: number) => (n / 2 ** 20).toFixed(0);
		say(
			`raw CSV export:           ${lines - 1} responses, ${mib(bytes)} MiB in ${((performance.now() - started) / 1000).toFixed(1)} s; process RSS ${mib(before)} → max ${mib(Math.max(before, ...rss))} MiB`
		);
		expect(lines - 1).toBe(loaded);
		expect(loaded).toBeGreaterThan(900_000 * SCALE);

		// 7. The same export from the production server, downloaded as a user does, with the
		// server process's RSS sampled. PGlite's directory is the server's now: close ours first.
		if (engine === 'pglite') await db.close();
		const server = await startServer({ DEMO: '0', ...serverEnv });
		try {
			const client = new Client(server.url);
			expect((await client.signIn('bench', 'x'.repeat(12))).status).toBe(303);
			const pid = server.process.pid!;
			// Twice: the second run shows whether the first one's growth is a cache that has
			// filled (the embedded database's buffers) or memory the export keeps.
			for (const run of ['first', 'second']) {
				const idle = rssOf(pid);
				const samples: number[] = [];
				const serverSampler = setInterval(() => samples.push(rssOf(pid)), 50);
				started = performance.now();
				const response = await client.request(
					`/api/responses.csv?unit=DEMO&instrument=${service.code}&from=2025-01-01&to=2025-12-31`
				);
				expect(response.status).toBe(200);
				let served = 0;
				for await (const chunk of response.body! as AsyncIterable<Uint8Array>)
					for (const byte of chunk) if (byte === 10) served++;
				clearInterval(serverSampler);
				say(
					`raw CSV export (server, ${run}): ${served - 1} responses in ${((performance.now() - started) / 1000).toFixed(1)} s; server RSS ${mib(idle)} → max ${mib(Math.max(idle, ...samples))} MiB`
				);
				expect(served - 1).toBe(loaded);
			}
		} finally {
			await server.stop();
		}
	} finally {
		await close();
	}
});
