/**
 * `npm run soak` — not part of `npm test`. Many simulated kiosks sync to the production
 * server at a fixed rate for SOAK_SECONDS (60), on PGlite and, when BENCH_DATABASE_URL is set,
 * on PostgreSQL. Open loop: each kiosk sends on its own schedule whatever the answers before
 * took, so a slow server shows as latency, not as a politely lower rate.
 *
 * The target: Hà Nội's 11.5 M dossiers a year across ~640 units is ~1.6 answers a second on
 * average over office hours; SOAK_RATE (default 50 batches a second from SOAK_KIOSKS = 200
 * kiosks, 1–3 answers each, ~100 answers a second) is thirty times that, for morning peaks
 * and kiosks flushing their outboxes after an outage.
 *
 * Prints the success rate, latency p50/p95/p99, the server's RSS over time, and checks that
 * the server counted exactly the answers sent: 100 % success or the run fails.
 */
import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { expect, it } from 'vitest';
import { testDatabase } from '$lib/server/db/testing';
import { SERVICE_ITEMS, vietnamToday } from '../tests/support/entry';
import { adminClient, newDevice } from '../tests/support/kiosk';
import { startServer } from '../tests/support/server';
import { percentile, report, rssOf } from './support';

const SECONDS = Number(process.env.SOAK_SECONDS ?? 60);
const RATE = Number(process.env.SOAK_RATE ?? 50);
const KIOSKS = Number(process.env.SOAK_KIOSKS ?? 200);
const { say } = report();

/** A deterministic generator, so that runs send the same answers. */
function random(seed: number) {
	let state = seed;
	return () => {
		state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
		return state / 2 ** 31;
	};
}

/** POST /api/devices/enrol from a given loopback address (Node's fetch cannot pick one). */
function enrolFrom(localAddress: string, base: string, body: unknown): Promise<unknown> {
	return new Promise((resolve, reject) => {
		const request = httpRequest(
			`${base}/api/devices/enrol`,
			{ method: 'POST', localAddress, headers: { 'content-type': 'application/json' } },
			(response) => {
				let text = '';
				response.on('data', (chunk) => (text += chunk));
				response.on('end', () => resolve(JSON.parse(text)));
			}
		);
		request.on('error', reject);
		request.end(JSON.stringify(body));
	});
}

const engines = (process.env.BENCH_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite']).filter(
	(engine) => !process.env.BENCH_ENGINE || engine === process.env.BENCH_ENGINE
) as ('pglite' | 'postgres')[];

it.each(engines)('soak on %s', async (engine) => {
	const database =
		engine === 'postgres' ? await testDatabase('postgres', process.env.BENCH_DATABASE_URL) : null;
	const server = await startServer(database ? { DATABASE_URL: database.url! } : {});
	try {
		const admin = await adminClient(server.url);
		const units = (
			(await (await admin.request('/api/units')).json()) as {
				units: { code: string; kind: string; validTo: string | null }[];
			}
		).units.filter((u) => u.kind !== 'province' && u.kind !== 'district');
		const kiosks: { unit: string; token: string; id: string; seq: number }[] = [];
		for (let i = 0; i < KIOSKS; i++) {
			const unit = units[i % units.length]!.code;
			const device = await newDevice(admin, unit);
			// Enrolment allows 20 attempts per address in 15 minutes: a real office has one or
			// two tablets per address, so the simulated ones come from 127.0.0.2, .3, …
			const { token } = (await enrolFrom(`127.0.0.${2 + Math.floor(i / 20)}`, server.url, {
				code: device.enrolmentCode
			})) as { token: string };
			expect(token).toMatch(/\S{20,}/);
			kiosks.push({ unit, token, id: device.id, seq: 0 });
		}
		say(
			`\n## soak, ${engine}: ${KIOSKS} kiosks, ${RATE} batches/s for ${SECONDS} s (${new Date().toISOString().slice(0, 10)})`
		);

		const rand = random(2026);
		const latencies: number[] = [];
		const failures: string[] = [];
		let sent = 0;
		const memory: string[] = [];
		const pid = server.process.pid!;
		const started = performance.now();
		const sampler = setInterval(() => {
			memory.push(
				`${Math.round((performance.now() - started) / 1000)} s ${(rssOf(pid) / 2 ** 20).toFixed(0)}`
			);
		}, 5000);

		const batch = (kiosk: (typeof kiosks)[number]) =>
			Array.from({ length: 1 + Math.floor(rand() * 3) }, () => ({
				id: randomUUID(),
				instrument: 'sipas-service-2023',
				instrumentVersion: 1,
				unit: kiosk.unit,
				channel: 'kiosk',
				deviceId: kiosk.id,
				deviceSeq: ++kiosk.seq,
				submittedAt: new Date().toISOString(),
				answers: Object.fromEntries(SERVICE_ITEMS.map((code) => [code, 1 + Math.floor(rand() * 5)]))
			}));

		async function send(kiosk: (typeof kiosks)[number]) {
			const responses = batch(kiosk);
			sent += responses.length;
			const begin = performance.now();
			try {
				const reply = await fetch(`${server.url}/api/sync`, {
					method: 'POST',
					headers: {
						'content-type': 'application/json',
						authorization: `Bearer ${kiosk.token}`
					},
					body: JSON.stringify({ responses })
				});
				const body = (await reply.json()) as { results?: { status: string }[] };
				latencies.push(performance.now() - begin);
				const created = body.results?.filter((r) => r.status === 'created').length ?? 0;
				if (reply.status !== 200 || created !== responses.length)
					failures.push(`${reply.status} ${JSON.stringify(body).slice(0, 200)}`);
			} catch (error) {
				failures.push(String(error));
			}
		}

		// Open loop: batch i leaves at i / RATE seconds, whatever happened to the ones before.
		const total = Math.round(RATE * SECONDS);
		const inFlight: Promise<void>[] = [];
		for (let i = 0; i < total; i++) {
			const due = started + (i * 1000) / RATE;
			const wait = due - performance.now();
			if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
			inFlight.push(send(kiosks[i % kiosks.length]!));
		}
		await Promise.all(inFlight);
		clearInterval(sampler);
		const elapsed = (performance.now() - started) / 1000;

		latencies.sort((a, b) => a - b);
		const ok = total - failures.length;
		say(
			`requests: ${total} in ${elapsed.toFixed(1)} s (${(total / elapsed).toFixed(1)}/s), ${sent} answers (${(sent / elapsed).toFixed(1)}/s); success ${((100 * ok) / total).toFixed(2)} %`
		);
		say(
			`latency:  p50 ${percentile(latencies, 50).toFixed(0)} ms, p95 ${percentile(latencies, 95).toFixed(0)} ms, p99 ${percentile(latencies, 99).toFixed(0)} ms, max ${latencies.at(-1)!.toFixed(0)} ms`
		);
		say(`server RSS (MiB) every 5 s: ${memory.join(' · ')}`);
		if (failures.length) say(`first failures: ${failures.slice(0, 3).join(' | ')}`);
		expect(failures).toEqual([]);

		// Every answer counted once: the province's respondents today equal what was sent.
		const today = vietnamToday();
		const indices = (await (
			await admin.request(
				`/api/indices?unit=DEMO&instrument=sipas-service-2023&from=${today}&to=${today}`
			)
		).json()) as { n: number };
		say(`counted:  ${indices.n} respondents for ${sent} answers sent`);
		expect(indices.n).toBe(sent);
	} finally {
		await server.stop();
		await database?.close();
	}
});
