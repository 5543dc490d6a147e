import { describe, expect, it } from 'vitest';
import { ClientDatabase } from './db';
import { Outbox } from './outbox';
import { SyncEngine } from './sync';
import { engine, queue, ScriptedServer, testOutbox } from './testing';

/** What the kiosk tells the server of its health, and what it remembers of its syncs. */
describe('sync engine health', () => {
	it('reports the health on a long drain twice: with the first batch and once it is done', async () => {
		const outbox = testOutbox();
		const sent: { n: number; unsent?: number }[] = [];
		await queue(outbox, 1200);
		const sync = new SyncEngine({
			outbox,
			transport: {
				async send(responses, health) {
					sent.push({ n: responses.length, unsent: health?.unsent });
					return { kind: 'ok', results: responses.map(() => ({ status: 'created' })) };
				}
			},
			heartbeatMs: 60_000,
			health: async (inFlight) => ({
				unsent: (await outbox.counts()).queued - inFlight,
				quarantined: 0,
				lastSyncAt: null,
				lastError: null,
				persisted: null,
				storageUsage: null,
				storageQuota: null,
				appVersion: 't'
			})
		});
		expect(await sync.drain()).toBe('drained');
		expect(sent).toEqual([
			{ n: 500, unsent: 700 },
			{ n: 500, unsent: undefined },
			{ n: 200, unsent: undefined },
			{ n: 0, unsent: 0 }
		]);
	});

	it('sends the health with the first request of a run and as a heartbeat when nothing is queued', async () => {
		const outbox = testOutbox();
		const sent: unknown[] = [];
		let now = 0;
		const sync = new SyncEngine({
			outbox,
			transport: {
				async send(responses, health) {
					sent.push({ n: responses.length, health });
					return { kind: 'ok', results: responses.map(() => ({ status: 'created' })) };
				}
			},
			heartbeatMs: 60_000,
			now: () => now,
			health: async (inFlight) => ({
				unsent: (await outbox.counts()).queued - inFlight,
				quarantined: 0,
				lastSyncAt: null,
				lastError: null,
				persisted: true,
				storageUsage: null,
				storageQuota: null,
				appVersion: 't'
			})
		});
		now = 60_000;
		await sync.drain();
		now += 1_000;
		await sync.drain(); // too soon for another heartbeat
		await queue(outbox, 1);
		await sync.drain();
		expect(sent).toEqual([
			{ n: 0, health: expect.objectContaining({ unsent: 0 }) },
			// Reported as it will be once this request is accepted.
			{ n: 1, health: expect.objectContaining({ unsent: 0 }) }
		]);
	});

	it('remembers the last sync and the last error across a reload', async () => {
		const name = `reload-${Math.random()}`;
		const server = new ScriptedServer();
		server.script.push({ kind: 'retry', error: 'HTTP 502' });
		const first = new Outbox(new ClientDatabase(name));
		await queue(first, 1);
		await engine(first, server).sync.drain();
		const again = engine(new Outbox(new ClientDatabase(name)), server).sync;
		await again.restore();
		expect(again.state).toMatchObject({ lastError: 'HTTP 502', lastSyncAt: null });
	});

	it('learns from each reply how far the server’s clock is from its own', async () => {
		const outbox = testOutbox(() => 1_000_000);
		await queue(outbox, 1);
		const sync = new SyncEngine({
			outbox,
			now: () => 1_000_000,
			transport: {
				async send(responses) {
					const results = responses.map(() => ({ status: 'created' as const }));
					return { kind: 'ok', results, serverTime: 1_000_000 + 20 * 60_000 };
				}
			}
		});
		expect(sync.state.clockOffsetMs).toBeNull();
		expect(await sync.drain()).toBe('drained');
		expect(sync.state.clockOffsetMs).toBe(20 * 60_000);
	});
});
