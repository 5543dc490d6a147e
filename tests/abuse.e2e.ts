import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, signedIn } from './support/http';
import { enrolledKiosk } from './support/kiosk';
import { rawPost } from './support/rawPost.js';
import { ADMIN_PASSWORD, startServer, type RunningServer } from './support/server';

/**
 * An outsider's and a careless insider's worst input against the production build (issue 16):
 * none of it stalls the server, and each gets a 4xx that says why.
 */
describe('no upload or request can stall the server', () => {
	let server: RunningServer;
	let admin: Client;
	beforeAll(async () => {
		server = await startServer();
		admin = await signedIn(server.url, 'admin', ADMIN_PASSWORD);
	});
	afterAll(async () => {
		await server?.stop();
	});

	const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
	const main = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

	it('refuses a hostile workbook in its worker while the server keeps answering', async () => {
		// The finding, ten times over: `<sst>` and 600 000 `<si>` never closed (the regular
		// expressions it replaced spent minutes on this, and /api/health waited behind them).
		const hostile = zipSync({
			'xl/workbook.xml': strToU8(
				`<workbook xmlns="${main}" xmlns:r="r"><sheets><sheet r:id="rId1"/></sheets></workbook>`
			),
			'xl/_rels/workbook.xml.rels': strToU8(
				'<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>'
			),
			'xl/sharedStrings.xml': strToU8(`<sst>${'<si>'.repeat(600_000)}`),
			'xl/worksheets/sheet1.xml': strToU8(`<worksheet><sheetData/></worksheet>`)
		});
		expect(hostile.length).toBeLessThan(20_000);
		const importing = admin.request('/api/responses/import?dry_run=1', {
			method: 'POST',
			headers: { 'content-type': XLSX },
			body: hostile
		});
		const health = await fetch(`${server.url}/api/health`);
		expect(health.status).toBe(200);
		const refused = await importing;
		expect(refused.status).toBe(400);
		const body = await refused.json();
		expect(body.error).toBeTruthy();
		expect(body.errors[0]).toMatchObject({ row: 1, key: 'issue.workbook.damaged' });
	});

	const answer = (id: string, A1: unknown) => ({
		id,
		instrument: 'sipas-service-2023',
		instrumentVersion: 1,
		unit: 'DEMO.X01',
		channel: 'kiosk',
		submittedAt: new Date().toISOString(),
		answers: { A1 }
	});

	it('refuses a deeply nested, huge or endless answer on its own: the rest of the batch lands', async () => {
		const kiosk = await enrolledKiosk(admin, 'DEMO.X01');
		const nested = (depth: number) =>
			['[', '{"x":'].map(
				(open) => open.repeat(depth) + '1' + (open === '[' ? ']' : '}').repeat(depth)
			);
		const values = [
			...nested(10_000),
			...nested(100_000),
			`"${'x'.repeat(1_000_000)}"`,
			`[${'1,'.repeat(200_000)}1]`
		];
		for (const value of values) {
			const [bad, good] = [crypto.randomUUID(), crypto.randomUUID()];
			const body = JSON.stringify({ responses: [answer(bad, 'VALUE'), answer(good, 4)] }).replace(
				'"VALUE"',
				value
			);
			const reply = await new Client(server.url).request('/api/sync', {
				method: 'POST',
				headers: { 'content-type': 'application/json', ...kiosk.auth },
				body
			});
			expect(reply.status).toBe(200);
			const { results } = await reply.json();
			expect(results).toEqual([
				expect.objectContaining({ id: bad, status: 'invalid' }),
				expect.objectContaining({ id: good, status: 'created' })
			]);
		}
		expect(server.output()).not.toMatch(/RangeError|Maximum call stack/);
	});

	/** The server's peak resident memory so far, in MB (Linux). */
	const peakMb = () =>
		Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${server.process.pid}/status`, 'utf8'))![1]) /
		1024;

	/** Bytes the server process has read so far, sockets included (Linux). */
	const readBytes = () =>
		Number(/rchar:\s+(\d+)/.exec(readFileSync(`/proc/${server.process.pid}/io`, 'utf8'))![1]);

	it('refuses a body past its route limit before reading it, and keeps none of it', async () => {
		const post = (path: string, body: string | Uint8Array, type: string | null) =>
			rawPost(
				server.url + path,
				{ ...(type && { 'content-type': type }), origin: server.url },
				body
			);
		const form = 'application/x-www-form-urlencoded';
		const before = peakMb();
		const read = readBytes();
		// The finding: ten parallel 15 MB anonymous posts to /login grew the server by 227 MB.
		// Now each sender reads its 413 and is hung up on: of the 150 MB, next to nothing is read.
		const big = `username=${'x'.repeat(15 * 1024 * 1024)}`;
		const storm = await Promise.all(Array.from({ length: 10 }, () => post('/login', big, form)));
		expect(storm.map((reply) => reply.status)).toEqual(Array(10).fill(413));
		expect(storm[0]!.text).toBe('Nội dung gửi lên quá lớn.');
		// Without a content type SvelteKit never exposes the body: the declared length still counts.
		expect((await post('/login', big, null)).status).toBe(413);
		expect(peakMb() - before).toBeLessThan(64);
		// What reached the process before each request was paused: a socket read or two per
		// connection (1.4 MB of the 165 MB, which it all read before; 5 MB before bodies.spec.ts).
		expect(readBytes() - read).toBeLessThan(8 * 1024 * 1024);
		// Each route its own size: 4 MB for a kiosk's batch, 16 MB for a workbook.
		const sync = (bytes: number) =>
			post('/api/sync', `{"responses":[],"pad":"${'x'.repeat(bytes)}"}`, 'application/json');
		expect((await sync(4 * 1024 * 1024)).status).toBe(413);
		expect((await sync(3 * 1024 * 1024)).status).toBe(400);
		const workbook = await admin.request('/api/responses/import?dry_run=1', {
			method: 'POST',
			headers: { 'content-type': XLSX },
			body: new Uint8Array(12 * 1024 * 1024)
		});
		expect(workbook.status).toBe(400);
		expect((await workbook.json()).errors[0].key).toBe('issue.workbook.notWorkbook');
		expect((await post('/api/health', 'x'.repeat(65 * 1024), 'text/plain')).status).toBe(413);
	});

	it('hangs up on an endless body once the sender has its answer, and keeps small ones alive', async () => {
		// Sent without a length, a body is cut off at its route's limit as it arrives; one the
		// route never reads (no content type) is not read at all. Either way the sender gets
		// its answer, then its connection is closed: nothing is read to the end of the stream.
		// The finding (CI, a loaded machine): 28 MB read of an endless body, as fast as it came
		// until the sender saw its answer. Now the route's limit and a socket read or two.
		const MB = 1024 * 1024;
		for (const [path, type, status, limit] of [
			['/api/sync', 'application/json', 413, 4 * MB],
			['/api/health', null, 405, 0]
		] as const) {
			const read = readBytes();
			const answer = await endless(server.url + path, type);
			expect(answer.status).toBe(status);
			expect(answer.closed).toBe(true);
			expect(readBytes() - read).toBeLessThan(limit + MB);
		}
		// A small refused body is read and the connection reused, as HTTP/1.1 clients expect.
		const agent = new Agent({ keepAlive: true, maxSockets: 1 });
		const sockets = new Set<unknown>();
		for (let i = 0; i < 2; i++) {
			const reply = await new Promise<number>((resolve, reject) => {
				const sent = request(`${server.url}/api/sync`, {
					method: 'POST',
					agent,
					headers: { 'content-type': 'application/json', authorization: 'Bearer nope' }
				});
				sent.on('socket', (socket) => sockets.add(socket));
				sent.on('response', (response) => {
					response.resume();
					response.on('end', () => resolve(response.statusCode!));
				});
				sent.on('error', reject);
				sent.end(JSON.stringify({ responses: [], pad: 'x'.repeat(32 * 1024) }));
			});
			expect(reply).toBe(401);
		}
		expect(sockets.size).toBe(1);
		agent.destroy();
	});
});

/**
 * Streams zeros to `url` without a length until the server closes the connection (at most
 * 512 MB): the answer's status, and whether the server hung up before the end.
 */
function endless(url: string, type: string | null): Promise<{ status: number; closed: boolean }> {
	return new Promise((resolve, reject) => {
		let status = 0;
		const chunk = new Uint8Array(64 * 1024);
		const sent = request(url, {
			method: 'POST',
			headers: { ...(type && { 'content-type': type }), 'transfer-encoding': 'chunked' }
		});
		sent.on('response', (response) => {
			status = response.statusCode!;
			response.resume();
		});
		sent.on('close', () =>
			status ? resolve({ status, closed: left > 0 }) : reject(new Error('no answer'))
		);
		sent.on('error', () => undefined);
		let left = 8192;
		const pump = () => {
			while (left-- > 0 && !sent.destroyed) if (!sent.write(chunk)) return sent.once('drain', pump);
			if (left <= 0) sent.end();
		};
		pump();
	});
}
