import { readFileSync } from 'node:fs';
import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, signedIn } from './support/http';
import { enrolledKiosk } from './support/kiosk';
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

	it('refuses a body past its route limit before reading it, and keeps none of it', async () => {
		const post = (
			path: string,
			body: BodyInit,
			type: string,
			headers: Record<string, string> = {}
		) =>
			fetch(server.url + path, {
				method: 'POST',
				headers: { 'content-type': type, origin: server.url, ...headers },
				body,
				duplex: 'half'
			} as RequestInit);
		const form = 'application/x-www-form-urlencoded';
		const before = peakMb();
		// The finding: ten parallel 15 MB anonymous posts to /login grew the server by 227 MB.
		const storm = await Promise.all(
			Array.from({ length: 10 }, () =>
				post('/login', `username=${'x'.repeat(15 * 1024 * 1024)}`, form)
			)
		);
		expect(storm.map((reply) => reply.status)).toEqual(Array(10).fill(413));
		expect(await storm[0]!.text()).toBe('Nội dung gửi lên quá lớn.');
		expect(peakMb() - before).toBeLessThan(64);
		// Sent without a length, a body is cut off at the limit as it arrives.
		const chunks = (count: number, size: number) =>
			new ReadableStream<Uint8Array>({
				start(controller) {
					for (let i = 0; i < count; i++) controller.enqueue(new Uint8Array(size).fill(120));
					controller.close();
				}
			});
		const streamed = await post('/api/sync', chunks(80, 64 * 1024), 'application/json');
		expect(streamed.status).toBe(413);
		expect(await streamed.json()).toMatchObject({ code: 'api.error.tooLarge' });
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
});
