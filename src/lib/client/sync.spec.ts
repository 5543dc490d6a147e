import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ClientDatabase } from './db';
import { Outbox } from './outbox';
import { backoffDelay, BACKOFF_MAX_MS } from './sync';
import { engine, kioskResponse, queue, ScriptedServer, testOutbox, TestLocks } from './testing';

describe('holding the engine for a change', () => {
	it('waits for a send in flight, keeps new drains out while held, then drains the change', async () => {
		const outbox = testOutbox();
		const server = new ScriptedServer();
		let release!: () => void;
		server.gate = new Promise((resolve) => (release = resolve));
		const { sync } = engine(outbox, server, { locks: new TestLocks(), lockName: 'desk' });
		const [first] = await queue(outbox, 1);
		const sending = sync.drain();
		const second = kioskResponse();
		const order: string[] = [];
		const held = sync.hold(async () => {
			order.push('change');
			await outbox.add(second);
			expect(await sync.drain()).toBe('busy');
			return 'done';
		});
		await new Promise((resolve) => setTimeout(resolve, 10));
		expect(order).toEqual([]);
		server.gate = undefined;
		release();
		expect(await sending).toBe('drained');
		expect(await held).toBe('done');
		expect(order).toEqual(['change']);
		await expect.poll(() => outbox.counts()).toEqual({ queued: 0, quarantined: 0, sent: 2 });
		expect(server.batches.map((b) => b.map((r) => r.id))).toEqual([[first], [second.id]]);
	});
});

describe('sync engine', () => {
	it('drains in batches of at most 500, oldest first, until the outbox is empty', async () => {
		const outbox = testOutbox();
		const server = new ScriptedServer();
		await outbox.db.outbox.bulkAdd(
			Array.from({ length: 1200 }, (_, i) => ({
				id: kioskResponse().id,
				state: 'queued' as const,
				queuedAt: i,
				response: kioskResponse(),
				attempts: 0
			}))
		);
		const { sync } = engine(outbox, server);
		expect(await sync.drain()).toBe('drained');
		expect(server.batches.map((b) => b.length)).toEqual([500, 500, 200]);
		expect(await outbox.counts()).toEqual({ queued: 0, quarantined: 0, sent: 1200 });
		expect(sync.state.lastSyncAt).not.toBeNull();
	});

	it('quarantines a refused item without holding back the valid ones behind it, and never resends it', async () => {
		const outbox = testOutbox();
		const server = new ScriptedServer();
		const [bad, ...good] = await queue(outbox, 3);
		server.script.push((batch) => ({
			kind: 'ok',
			results: batch.map((r) =>
				r.id === bad
					? { status: 'invalid', issues: [{ path: ['A1'], message: 'out of range' }] }
					: { status: 'created' }
			)
		}));
		const { sync } = engine(outbox, server);
		expect(await sync.drain()).toBe('drained');
		expect(await outbox.counts()).toEqual({ queued: 0, quarantined: 1, sent: 2 });
		expect((await outbox.db.outbox.get(bad!))?.issues?.[0]?.message).toBe('out of range');
		await queue(outbox, 1);
		await sync.drain();
		expect(server.batches[1]!.map((r) => r.id)).not.toContain(bad);
		expect(server.batches.flat().filter((r) => good.includes(r.id))).toHaveLength(2);
	});

	it('rides out a minute-long storm of 5xx replies (simulated time) and drains once it passes', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.double({ min: 0, max: 1, noNaN: true }),
				fc.constantFrom(500, 502, 503, 504),
				async (jitter, status) => {
					const outbox = testOutbox();
					const server = new ScriptedServer();
					let now = 0;
					const attempts: number[] = [];
					// Every request during the first 60 s of simulated time fails; after, all pass.
					server.script = Array.from({ length: 50 }, () => (batch: unknown[]) => {
						attempts.push(now);
						return now < 60_000
							? { kind: 'retry' as const, error: `HTTP ${status}` }
							: {
									kind: 'ok' as const,
									results: batch.map(() => ({ status: 'created' as const }))
								};
					});
					const ids = await queue(outbox, 40);
					const { sync, timers } = engine(outbox, server, { random: () => jitter });
					await sync.drain();
					while (timers.pending.length) {
						now += timers.pending[0]!.ms;
						timers.fire();
						await sync.drain();
					}
					expect(await outbox.counts()).toMatchObject({ queued: 0, sent: 40 });
					// It kept trying, less and less often (never a busy loop), and gave up never.
					const gaps = attempts.slice(1).map((t, i) => t - attempts[i]!);
					expect(gaps.every((gap, i) => i === 0 || gap >= gaps[i - 1]! * 1.5)).toBe(true);
					expect(attempts.length).toBeGreaterThanOrEqual(6);
					expect(attempts.length).toBeLessThanOrEqual(9);
					// Delivered within one backoff step of the storm's end, each answer once.
					expect(attempts.at(-1)).toBeLessThan(60_000 + 2 * 38_400);
					expect(new Set(server.batches.flat().map((r) => r.id))).toEqual(new Set(ids));
					expect(sync.state).toMatchObject({ failures: 0, lastError: null });
				}
			),
			{ numRuns: 25 }
		);
	});

	it('retries 503s and network errors on a doubling timer, then delivers without anyone acting', async () => {
		const outbox = testOutbox();
		const server = new ScriptedServer();
		server.script.push(
			{ kind: 'retry', error: 'HTTP 503' },
			{ kind: 'retry', error: 'network: offline' },
			{ kind: 'retry', error: 'HTTP 429' }
		);
		const ids = await queue(outbox, 3);
		const { sync, timers } = engine(outbox, server);
		expect(await sync.drain()).toBe('failed');
		expect(sync.state).toMatchObject({ failures: 1, lastError: 'HTTP 503' });
		const delays = [timers.pending[0]!.ms];
		timers.fire();
		await sync.drain(); // joins the run the timer started
		delays.push(timers.pending[0]!.ms);
		timers.fire();
		await sync.drain();
		delays.push(timers.pending[0]!.ms);
		expect(delays).toEqual([1000, 2000, 4000]);
		expect(await outbox.counts()).toMatchObject({ queued: 3, sent: 0 });
		timers.fire();
		expect(await sync.drain()).toBe('drained');
		expect(await outbox.counts()).toMatchObject({ queued: 0, sent: 3 });
		expect(sync.state).toMatchObject({ failures: 0, lastError: null, retryAt: null });
		expect(timers.pending).toEqual([]);
		// Every attempt carried the same three responses: nothing was dropped or split.
		const sorted = [...ids].sort();
		expect(server.batches.map((b) => b.map((r) => r.id).sort())).toEqual([
			sorted,
			sorted,
			sorted,
			sorted
		]);
		// The failed attempts are counted on the entries.
		expect((await outbox.db.outbox.toArray()).map((e) => e.attempts)).toEqual([3, 3, 3]);
	});

	it('stores a batch once when the reply to it was lost and it is sent again', async () => {
		const outbox = testOutbox();
		const server = new ScriptedServer();
		// The server stores the batch, but the reply never reaches the tablet.
		server.script.push((batch) => {
			for (const r of batch) server.stored.add(r.id);
			return { kind: 'retry', error: 'network: connection reset' };
		});
		await queue(outbox, 2);
		const { sync, timers } = engine(outbox, server);
		await sync.drain();
		timers.fire();
		await sync.drain();
		expect(server.stored.size).toBe(2);
		expect(await outbox.counts()).toMatchObject({ queued: 0, sent: 2 });
		const outcomes = (await outbox.db.outbox.toArray()).map((e) => e.outcome);
		expect(outcomes).toEqual(['duplicate', 'duplicate']);
	});

	it('stops sending when the token is revoked, keeps every answer, and resumes once enabled', async () => {
		const outbox = testOutbox();
		const server = new ScriptedServer();
		server.script.push({ kind: 'disabled', error: 'HTTP 401: disabled' });
		await queue(outbox, 2);
		const { sync, timers } = engine(outbox, server);
		expect(await sync.drain()).toBe('disabled');
		expect(await sync.drain()).toBe('disabled');
		expect(server.batches).toHaveLength(1);
		expect(timers.pending).toEqual([]);
		expect(await outbox.counts()).toMatchObject({ queued: 2 });
		sync.enable();
		expect(await sync.drain()).toBe('drained');
		expect(await outbox.counts()).toMatchObject({ queued: 0, sent: 2 });
	});

	it('halves the batch when the server says it is too large', async () => {
		const outbox = testOutbox();
		const server = new ScriptedServer();
		server.script.push(
			{ kind: 'tooLarge', error: 'HTTP 413' },
			{ kind: 'tooLarge', error: 'HTTP 413' }
		);
		await queue(outbox, 10);
		const { sync } = engine(outbox, server, { batchSize: 8 });
		expect(await sync.drain()).toBe('drained');
		expect(server.batches.map((b) => b.length)).toEqual([8, 4, 2, 2, 2, 2, 2]);
		expect(await outbox.counts()).toMatchObject({ sent: 10 });
	});

	it('lets one tab drain at a time, and the other looks again shortly', async () => {
		const name = `shared-${Math.random()}`;
		const tabA = new Outbox(new ClientDatabase(name));
		const tabB = new Outbox(new ClientDatabase(name));
		const server = new ScriptedServer();
		const locks = new TestLocks();
		let release!: () => void;
		server.gate = new Promise((resolve) => (release = resolve));
		await queue(tabA, 2);
		await queue(tabB, 2);
		const a = engine(tabA, server, { locks });
		const b = engine(tabB, server, { locks });
		const first = a.sync.drain();
		await new Promise((resolve) => setTimeout(resolve, 20));
		expect(await b.sync.drain()).toBe('busy');
		expect(b.timers.pending.map((t) => t.ms)).toEqual([1000]);
		release();
		expect(await first).toBe('drained');
		b.timers.fire();
		expect(await b.sync.drain()).toBe('drained');
		const sentIds = server.batches.flat().map((r) => r.id);
		expect(sentIds).toHaveLength(4);
		expect(new Set(sentIds).size).toBe(4);
		expect(await tabB.counts()).toMatchObject({ queued: 0, sent: 4 });
	});

	it('backs off from 1 s, doubling, to at most 5 minutes, with ±20 % jitter', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 1, max: 60 }),
				fc.double({ min: 0, max: 1, noNaN: true }),
				(n, r) => {
					const base = Math.min(1000 * 2 ** (n - 1), BACKOFF_MAX_MS);
					const delay = backoffDelay(n, () => r);
					expect(delay).toBeGreaterThanOrEqual(Math.floor(base * 0.8));
					expect(delay).toBeLessThanOrEqual(Math.ceil(base * 1.2));
				}
			)
		);
		expect([1, 2, 3, 9, 10, 30].map((n) => backoffDelay(n, () => 0.5))).toEqual([
			1000, 2000, 4000, 256_000, 300_000, 300_000
		]);
	});
});
