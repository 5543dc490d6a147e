import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedIn, type Client } from './support/http';
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
});
