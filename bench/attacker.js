// The attacker of `npm run soak`'s second phase, in a process of its own (as it would be on
// another machine): until SECONDS pass, a round every EVERY seconds (0: back to back) of the
// hostile workbook of issue 16 as an admin's import (`<sst>` and 600 000 `<si>` never closed,
// 10 KB zipped) beside ten anonymous 15 MB posts to /login, sent with `rawPost` (which reads
// the 413 the server answers before hanging up) from one buffer, so that the attacker's own
// CPU stays small on the machine the server shares. Prints what was refused, as JSON.
// Usage: node bench/attacker.js BASE_URL SECONDS EVERY (ADMIN_PASSWORD in the environment).
import { strToU8, zipSync } from 'fflate';
import { rawPost } from '../tests/support/rawPost.js';

const base = process.argv[2] ?? 'http://127.0.0.1:3000';
const seconds = Number(process.argv[3] ?? 60);
const every = Number(process.argv[4] ?? 5);
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const signIn = await fetch(`${base}/login`, {
	method: 'POST',
	redirect: 'manual',
	headers: {
		'content-type': 'application/x-www-form-urlencoded',
		origin: base,
		accept: 'text/html'
	},
	body: new URLSearchParams({ username: 'admin', password: process.env.ADMIN_PASSWORD ?? '' })
});
const cookie = signIn.headers.getSetCookie()[0]?.split(';')[0] ?? '';
const workbook = zipSync({
	'xl/workbook.xml': strToU8(
		'<workbook><sheets><sheet r:id="rId1" xmlns:r="r"/></sheets></workbook>'
	),
	'xl/_rels/workbook.xml.rels': strToU8(
		'<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>'
	),
	'xl/sharedStrings.xml': strToU8(`<sst>${'<si>'.repeat(600_000)}`),
	'xl/worksheets/sheet1.xml': strToU8('<worksheet><sheetData/></worksheet>')
});
const big = Buffer.alloc(15 * 1024 * 1024, 'x');
const counts = { workbooks: 0, workbooksRefused: 0, bodies: 0, bodiesRefused: 0 };
const end = Date.now() + seconds * 1000;
while (Date.now() < end) {
	const next = Date.now() + every * 1000;
	const [imported, ...posts] = await Promise.all([
		fetch(`${base}/api/responses/import?dry_run=1`, {
			method: 'POST',
			headers: { 'content-type': XLSX, cookie, origin: base },
			body: workbook
		}),
		...Array.from({ length: 10 }, () =>
			rawPost(
				`${base}/login`,
				{ 'content-type': 'application/x-www-form-urlencoded', origin: base },
				big
			).catch(() => ({ status: 0 }))
		)
	]);
	counts.workbooks++;
	if (imported.status === 400) counts.workbooksRefused++;
	counts.bodies += posts.length;
	counts.bodiesRefused += posts.filter((post) => post.status === 413).length;
	await new Promise((resolve) =>
		setTimeout(resolve, Math.max(0, Math.min(next, end) - Date.now()))
	);
}
console.log(JSON.stringify(counts));
