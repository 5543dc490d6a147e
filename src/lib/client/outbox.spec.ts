import { describe, expect, it } from 'vitest';
import { RECEIPT_DAYS } from './outbox';
import { kioskResponse, testOutbox } from './testing';
import { uuidv7 } from './uuid';

describe('outbox', () => {
	it('commits a response before resolving and numbers kiosk responses 1, 2, 3 at commit', async () => {
		const outbox = testOutbox();
		const first = await outbox.add(kioskResponse(), { sequence: true });
		const second = await outbox.add(kioskResponse(), { sequence: true });
		const web = await outbox.add(kioskResponse({ channel: 'web' }));
		expect([first.response.deviceSeq, second.response.deviceSeq]).toEqual([1, 2]);
		expect(web.response.deviceSeq).toBeUndefined();
		expect((await outbox.db.outbox.get(first.id))?.state).toBe('queued');
		expect(await outbox.counts()).toEqual({ queued: 3, quarantined: 0, sent: 0 });
	});

	it('refuses the same id twice and leaves the first and the sequence untouched', async () => {
		const outbox = testOutbox();
		const response = kioskResponse();
		await outbox.add(response, { sequence: true });
		await expect(
			outbox.add({ ...response, answers: { A1: 1 } }, { sequence: true })
		).rejects.toThrow();
		expect((await outbox.db.outbox.get(response.id))?.response.answers).toEqual({ A1: 5 });
		expect(await outbox.getMeta('sequence')).toBe(1);
	});

	it('drains oldest first and settles per item: receipts and quarantine', async () => {
		let now = 1_000;
		const outbox = testOutbox(() => now);
		const ids = [];
		for (let i = 0; i < 4; i++) {
			now += 10;
			ids.push((await outbox.add(kioskResponse())).id);
		}
		expect((await outbox.next(3)).map((e) => e.id)).toEqual(ids.slice(0, 3));
		await outbox.settle(
			new Map([
				[ids[0]!, { status: 'created' as const }],
				[ids[1]!, { status: 'duplicate' as const }],
				[ids[2]!, { status: 'invalid' as const, issues: [{ path: ['A1'], message: 'bad' }] }]
			])
		);
		expect(await outbox.counts()).toEqual({ queued: 1, quarantined: 1, sent: 2 });
		expect((await outbox.next(10)).map((e) => e.id)).toEqual([ids[3]]);
		const quarantined = await outbox.db.outbox.get(ids[2]!);
		expect(quarantined).toMatchObject({ state: 'quarantined', outcome: 'invalid' });
		expect(quarantined?.issues).toEqual([{ path: ['A1'], message: 'bad' }]);
		expect((await outbox.unsettled()).map((e) => e.id).sort()).toEqual([ids[2], ids[3]].sort());
	});

	it('forgets receipts after 30 days, never queued or quarantined entries', async () => {
		let now = Date.parse('2026-01-01T00:00:00Z');
		const outbox = testOutbox(() => now);
		const sent = await outbox.add(kioskResponse());
		const refused = await outbox.add(kioskResponse());
		const waiting = await outbox.add(kioskResponse());
		await outbox.settle(
			new Map([
				[sent.id, { status: 'created' as const }],
				[refused.id, { status: 'conflict' as const }]
			])
		);
		now += (RECEIPT_DAYS - 1) * 86_400_000;
		expect(await outbox.prune()).toBe(0);
		now += 2 * 86_400_000;
		expect(await outbox.prune()).toBe(1);
		expect((await outbox.db.outbox.toArray()).map((e) => e.id).sort()).toEqual(
			[refused.id, waiting.id].sort()
		);
	});

	it('makes time-ordered version 7 UUIDs', () => {
		const a = uuidv7(Date.parse('2026-11-22T00:00:00Z'), new Uint8Array(10));
		const b = uuidv7(Date.parse('2026-11-22T00:00:00.001Z'), new Uint8Array(10).fill(255));
		expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
		expect(b).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7fff-bfff-f{12}$/);
		expect(a < b).toBe(true);
		expect(parseInt(a.replace(/-/g, '').slice(0, 12), 16)).toBe(Date.parse('2026-11-22T00:00:00Z'));
	});
});

describe('changing a form before the server has it', () => {
	it('revises queued and refused entries (queued again, reasons gone) but never a sent one', async () => {
		const outbox = testOutbox();
		const [queued, refused, sent] = [kioskResponse(), kioskResponse(), kioskResponse()];
		for (const response of [queued, refused, sent]) await outbox.add(response);
		await outbox.settle(
			new Map([
				[refused.id, { status: 'invalid' as const, issues: [{ path: ['A1'], message: 'bad' }] }],
				[sent.id, { status: 'created' as const }]
			])
		);
		expect(await outbox.revise({ ...queued, answers: { A1: 1 } })).toBe(true);
		expect(await outbox.revise({ ...refused, answers: { A1: 2 } })).toBe(true);
		expect(await outbox.revise({ ...sent, answers: { A1: 3 } })).toBe(false);
		const rows = new Map((await outbox.all()).map((e) => [e.id, e]));
		expect(rows.get(queued.id)).toMatchObject({
			state: 'queued',
			response: { answers: { A1: 1 } }
		});
		expect(rows.get(refused.id)).toMatchObject({
			state: 'queued',
			response: { answers: { A1: 2 } }
		});
		expect(rows.get(refused.id)!.issues).toBeUndefined();
		expect(rows.get(sent.id)).toMatchObject({ state: 'sent', response: { answers: { A1: 5 } } });
	});
});
