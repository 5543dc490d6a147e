import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase, testEngines, type TestDatabase } from '$lib/server/db/testing';
import { vietnamToday } from './support/entry';
import { Client } from './support/http';
import { adminClient, enrolledKiosk } from './support/kiosk';
import { startServer, type RunningServer } from './support/server';

/**
 * Chaos on the server side: the process killed in the middle of a sync batch, and the
 * database's connections cut under an ingest. After each blow the kiosk does what its outbox
 * does (sends the same batch again until it gets an answer) and every answer must then be
 * stored exactly once. The browser side (lost replies, 5xx storms, closed tabs, IndexedDB
 * closed or full) is in kiosk.e2e.ts and kiosk-chaos.e2e.ts.
 */

const run = promisify(execFile);

function batchOf(unit: string, size: number) {
	return Array.from({ length: size }, () => ({
		id: randomUUID(),
		instrument: 'sipas-service-2023',
		instrumentVersion: 1,
		unit,
		channel: 'kiosk',
		submittedAt: new Date().toISOString(),
		answers: { A1: 4, B1: 5, C2: 3 }
	}));
}

/** One sync request of a batch, as a kiosk sends it. */
const post = (base: string, auth: Record<string, string>, responses: unknown[]) =>
	fetch(`${base}/api/sync`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...auth },
		body: JSON.stringify({ responses })
	});

/** Sends a batch the way the outbox does: again and again until the server answers 200. */
async function deliver(
	base: () => string,
	auth: Record<string, string>,
	responses: unknown[]
): Promise<Map<string, number>> {
	let last = '';
	for (let attempt = 0; attempt < 100; attempt++) {
		const reply = await post(base(), auth, responses).catch(() => undefined);
		last = reply ? `${reply.status} ${await reply.clone().text()}` : 'no reply';
		if (reply?.status === 200) {
			const { results } = (await reply.json()) as { results: { status: string }[] };
			const tally = new Map<string, number>();
			for (const r of results) tally.set(r.status, (tally.get(r.status) ?? 0) + 1);
			return tally;
		}
		// A 5xx or a dead socket: the outbox waits and tries again.
		expect(reply === undefined || reply.status >= 500).toBe(true);
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	throw new Error(`never delivered: ${last}`);
}

/** How many answers the unit has today, and how many distinct ids its export holds. */
async function stored(admin: Client, unit: string): Promise<{ n: number; ids: number }> {
	const q = `unit=${unit}&instrument=sipas-service-2023&from=${vietnamToday()}&to=${vietnamToday()}`;
	const { n } = (await (await admin.request(`/api/indices?${q}`)).json()) as { n: number };
	const csv = await (await admin.request(`/api/responses.csv?${q}`)).text();
	const ids = new Set(
		csv
			.split('\r\n')
			.slice(1)
			.filter(Boolean)
			.map((l) => l.split(',')[0])
	);
	return { n, ids: ids.size };
}

describe('the server killed with SIGKILL in the middle of sync batches (embedded database)', () => {
	let server: RunningServer;
	afterAll(async () => {
		await server?.stop();
	});

	it('loses nothing and doubles nothing: each batch, sent again after the restart, is stored once', async () => {
		server = await startServer();
		const dataDir = server.dataDir;
		const { auth } = await enrolledKiosk(await adminClient(server.url), 'DEMO.X03');
		let sent = 0;
		const outcomes: string[] = [];
		// Kills early (before the transaction commits), late (after it) and in between.
		for (const delay of [0, 25, 60, 120, 150, 180, 220, 600]) {
			const batch = batchOf('DEMO.X03', 500);
			const inFlight = post(server.url, auth, batch).then(
				(reply) => `reply ${reply.status}`,
				() => 'no reply'
			);
			await new Promise((resolve) => setTimeout(resolve, delay));
			server.process.kill('SIGKILL');
			const first = await inFlight;
			await server.stop();
			server = await startServer({ DATA_DIR: dataDir, DEMO: '0' });
			const tally = await deliver(() => server.url, auth, batch);
			// The resend finds each answer either new or already stored, never refused.
			expect((tally.get('created') ?? 0) + (tally.get('duplicate') ?? 0)).toBe(500);
			outcomes.push(
				`${delay} ms: ${first}, then ${[...tally].map(([k, v]) => `${v} ${k}`).join(', ')}`
			);
			sent += batch.length;
		}
		console.log(outcomes.join('\n'));
		expect(await stored(await adminClient(server.url), 'DEMO.X03')).toEqual({ n: sent, ids: sent });
	});
});

// PostgreSQL runs wherever TEST_DATABASE_URL is set (always under CI, see testEngines).
describe.each(testEngines().filter((engine) => engine === 'postgres'))(
	'%s connections cut in the middle of sync batches',
	() => {
		let database: TestDatabase;
		let server: RunningServer;
		let killer: pg.Client;
		beforeAll(async () => {
			database = await testDatabase('postgres');
			server = await startServer({ DATABASE_URL: database.url! });
			killer = new pg.Client(process.env.TEST_DATABASE_URL!);
			// The restart test below ends this connection too; that is expected, not a failure.
			killer.on('error', () => {});
			await killer.connect();
		});
		afterAll(async () => {
			if (process.env.CHAOS_DEBUG) console.log(server.output().slice(-3000));
			await server?.stop();
			await killer?.end();
			await database?.close();
		});

		it('answers 503 while the database is gone, recovers by itself, and stores each answer once', async () => {
			const admin = await adminClient(server.url);
			const { auth } = await enrolledKiosk(admin, 'DEMO.X04');
			const name = new URL(database.url!).pathname.slice(1);
			let sent = 0;
			const firsts: number[] = [];
			for (const delay of [0, 10, 30, 80, 200]) {
				const batch = batchOf('DEMO.X04', 500);
				const inFlight = post(server.url, auth, batch).then((reply) => reply.status);
				await new Promise((resolve) => setTimeout(resolve, delay));
				// What a database restart does to the app: every connection it holds dies.
				await killer.query(
					`select pg_terminate_backend(pid) from pg_stat_activity
					where datname = $1 and pid <> pg_backend_pid()`,
					[name]
				);
				const status = await inFlight;
				firsts.push(status);
				expect([200, 503]).toContain(status);
				const tally = await deliver(() => server.url, auth, batch);
				expect((tally.get('created') ?? 0) + (tally.get('duplicate') ?? 0)).toBe(500);
				sent += batch.length;
			}
			expect(await stored(admin, 'DEMO.X04')).toEqual({ n: sent, ids: sent });
			console.log(`first replies: ${firsts.join(', ')}`);
		});

		// Needs the server's data directory (and root, for runuser): CI always has both.
		const restartable = process.env.TEST_PG_DATA || process.env.CI === 'true' ? ['PostgreSQL'] : [];
		it.each(restartable)('rides out a real restart of %s in the middle of a batch', async () => {
			const admin = await adminClient(server.url);
			const { auth } = await enrolledKiosk(admin, 'DEMO.X09');
			const batch = batchOf('DEMO.X09', 500);
			const inFlight = post(server.url, auth, batch).then((reply) => reply.status);
			await new Promise((resolve) => setTimeout(resolve, 20));
			const restarted = restartPostgres();
			expect([200, 503]).toContain(await inFlight);
			// While it is down, and after, the kiosk keeps sending the same batch.
			const tally = await deliver(() => server.url, auth, batch);
			await restarted;
			expect((tally.get('created') ?? 0) + (tally.get('duplicate') ?? 0)).toBe(500);
			expect(await stored(admin, 'DEMO.X09')).toEqual({ n: 500, ids: 500 });
		});
	}
);

/**
 * Restarts the test PostgreSQL server (`pg_ctl restart -m fast`, which waits until it
 * accepts connections again). CI exports its data directory as TEST_PG_DATA (.ci/run).
 */
async function restartPostgres(): Promise<void> {
	const data = process.env.TEST_PG_DATA;
	if (!data) throw new Error('TEST_PG_DATA (the test PostgreSQL data directory) is not set.');
	const version = readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a))[0];
	const pgCtl = `/usr/lib/postgresql/${version}/bin/pg_ctl`;
	// A log file, or the new postmaster would hold our stdout pipe open and pg_ctl never return.
	const log = join(dirname(data), 'restart.log');
	const args = ['-D', data, '-l', log, '-m', 'fast', '-w', '-t', '60', 'restart'];
	await run('runuser', ['-u', 'postgres', '--', pgCtl, ...args]);
}
