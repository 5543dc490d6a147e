import { describe, expect, it } from 'vitest';
import { kioskResponse } from './testing';
import { httpTransport } from './transport';

/** A transport whose fetch answers `status` with `body` as JSON. */
const replying = (status: number, body: unknown) =>
	httpTransport({
		credentials: 'omit',
		fetch: async () =>
			new Response(JSON.stringify(body), {
				status,
				headers: { 'content-type': 'application/json' }
			})
	});

describe('the sync transport reads replies by the contract', () => {
	const batch = [kioskResponse(), kioskResponse()];
	const ids = batch.map((r) => r.id);

	it('takes a reply that answers for every item', async () => {
		const reply = await replying(200, {
			results: [
				{ id: ids[0], status: 'created' },
				{ id: ids[1], status: 'invalid', issues: [{ path: ['answers'], message: 'x' }] }
			],
			serverTime: '2026-12-01T10:00:00.000Z'
		}).send(batch);
		expect(reply).toMatchObject({
			kind: 'ok',
			results: [{ status: 'created' }, { status: 'invalid' }]
		});
	});

	it('keeps everything queued when a 200 is not a sync reply: unknown status, missing fields, a page', async () => {
		for (const body of [
			{ results: ids.map((id) => ({ id, status: 'stored' })), serverTime: 'now' },
			{ results: ids.map((id) => ({ id })), serverTime: 'now' },
			{ results: ids.map((id) => ({ id, status: 'created' })) },
			'<html>proxy login</html>'
		]) {
			expect(await replying(200, body).send(batch)).toEqual({
				kind: 'retry',
				error: 'HTTP 200: unreadable reply'
			});
		}
	});

	it('says which error the server gave, and stops a revoked kiosk', async () => {
		const revoked = httpTransport({
			token: () => 'token',
			credentials: 'omit',
			fetch: async () => Response.json({ error: 'disabled', code: 'x' }, { status: 401 })
		});
		expect(await revoked.send(batch)).toEqual({ kind: 'disabled', error: 'HTTP 401: disabled' });
		expect(await replying(503, { error: 'down' }).send(batch)).toEqual({
			kind: 'retry',
			error: 'HTTP 503: down (refused)'
		});
	});
});
