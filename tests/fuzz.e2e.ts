import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '$lib/server/db';
import * as instruments from '$lib/server/instruments/instruments.repository';
import * as responses from '$lib/server/responses/export.repository';
import * as units from '$lib/server/units/units.repository';
import { writeWorkbook } from '$lib/server/interchange/xlsx';
import { instrumentFor } from '$lib/server/instruments/service';
import { countersAndRecount } from '$lib/server/testing';
import { checkResponse, responseSchema } from '$lib/survey/responses';
import service from '../src/lib/survey/shipped/sipas-service-2023.json';
import { SERVICE_ITEMS } from './support/entry';
import { Client } from './support/http';
import { adminClient, enrolledKiosk } from './support/kiosk';
import { discoverRequests } from './support/routes';
import { startServer, type RunningServer } from './support/server';

/**
 * Random and malformed input to everything that takes input: `/api/sync`, CSV and XLSX
 * response imports, unit imports, instrument uploads and every form action. The promise:
 * never a 5xx, always a 4xx with a message when refused, and never an invalid row stored
 * (checked at the end against the database itself: every stored response passes the
 * instrument's checks, and the counters equal a recount).
 *
 * `npm test` runs 10 000 cases; `npm run fuzz` ten times as many (FUZZ_SCALE).
 */

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const scale = Number(process.env.FUZZ_SCALE ?? 1);
const runs = (n: number) => ({ numRuns: Math.round(n * scale), seed: seedOf(n) });
/** A fixed seed per property, so CI failures replay; FUZZ_SEED picks new cases. */
const seedOf = (n: number) => Number(process.env.FUZZ_SEED ?? 20261130) + n;

let server: RunningServer;
let staff: Client;
let admin: Client;
let anonymous: Client;
let deviceAuth: Record<string, string> = {};
let batch = '';
const statuses: number[] = [];

/** Sends, records the status, and checks the contract every answer must keep. */
async function expectHandled(response: Response, label: string): Promise<void> {
	statuses.push(response.status);
	expect(response.status, label).toBeLessThan(500);
	if (response.status >= 400 && response.headers.get('content-type')?.includes('json')) {
		const body = (await response.json()) as { error?: unknown; type?: string };
		// API errors are `{ error, code }`; form actions answer with an ActionResult.
		if (body.type === undefined) {
			expect(typeof body.error, label).toBe('string');
			expect((body.error as string).length, label).toBeGreaterThan(3);
		}
	} else await response.arrayBuffer();
}

// — Values that break parsers: wrong types, huge and tiny numbers, control characters,
// Vietnamese text, separators and quotes, prototype keys.
const nasty = fc.oneof(
	fc.constantFrom(
		'',
		' ',
		'NA',
		'null',
		'0',
		'-1',
		'1e309',
		'NaN',
		'__proto__',
		'constructor',
		'"',
		'""',
		'a,b;c\td',
		'\r\n',
		'\u0000',
		'\uFEFF',
		'Đánh giá: rất hài lòng',
		'2026-02-30',
		'9999-12-31T23:59:59Z',
		'DEMO.X01',
		'sipas-service-2023'
	),
	fc.string({ maxLength: 40 }),
	fc.string({ unit: 'binary', maxLength: 20 }),
	fc.integer().map(String),
	fc.double().map(String)
);
/**
 * Values too big to build as objects: a marker that `expand` turns into the raw JSON text of
 * a value nested thousands deep, an array of a hundred thousand items, or a megabyte string.
 */
const monster = fc.oneof(
	fc.integer({ min: 40, max: 50_000 }).map((n) => `\u0001deep-${n}`),
	fc.integer({ min: 10_000, max: 200_000 }).map((n) => `\u0001long-${n}`),
	fc.integer({ min: 100_000, max: 1_000_000 }).map((n) => `\u0001huge-${n}`)
);
const expand = (json: string) =>
	json.replace(/"\\u0001(deep|long|huge)-(\d+)"/g, (_, kind: string, size: string) => {
		const n = Number(size);
		if (kind === 'deep') return '['.repeat(n) + '1' + ']'.repeat(n);
		if (kind === 'long') return `[${'1,'.repeat(n)}1]`;
		return `"${'x'.repeat(n)}"`;
	});
const jsonValue = fc.oneof(
	nasty,
	monster,
	fc.integer({ min: -10, max: 10 }),
	fc.double(),
	fc.boolean(),
	fc.constant(null),
	fc.array(fc.oneof(nasty, fc.integer({ min: 0, max: 6 })), { maxLength: 4 }),
	fc.dictionary(nasty, nasty, { maxKeys: 3 })
);
const itemCodes = service.parts.flatMap((p) => p.groups.flatMap((g) => g.items.map((i) => i.code)));

/** A response that is right in most fields and wrong in some: the likeliest bad input. */
const nearlyValid = fc.record(
	{
		id: fc.oneof(fc.uuid(), nasty),
		instrument: fc.oneof(fc.constant('sipas-service-2023'), nasty),
		instrumentVersion: fc.oneof(fc.constant(1), fc.integer({ min: -2, max: 3 }), nasty),
		unit: fc.oneof(fc.constantFrom('DEMO.X01', 'DEMO.X02', 'DEMO.H01', 'DEMO'), nasty),
		channel: fc.oneof(fc.constantFrom('kiosk', 'paper', 'web'), nasty),
		submittedAt: fc.oneof(
			fc
				.date({ min: new Date('2019-01-01'), max: new Date('2027-12-31'), noInvalidDate: true })
				.map((d) => d.toISOString()),
			nasty
		),
		answers: fc.oneof(
			fc.dictionary(
				fc.oneof(fc.constantFrom(...itemCodes), nasty),
				fc.oneof(fc.integer({ min: 0, max: 6 }), jsonValue),
				{ maxKeys: 20 }
			),
			jsonValue
		),
		comment: fc.oneof(fc.string({ maxLength: 3000 }), jsonValue),
		serial: fc.oneof(fc.string({ maxLength: 30 }), jsonValue),
		batchId: fc.oneof(fc.constant(''), fc.uuid(), nasty)
	},
	{ requiredKeys: [] }
);

/** A response that must be accepted: the satisfaction items answered 1–5, now-ish. */
const valid = fc.record({
	id: fc.uuid({ version: 4 }),
	instrument: fc.constant('sipas-service-2023'),
	instrumentVersion: fc.constant(1),
	unit: fc.constant('DEMO.X01'),
	channel: fc.constant('kiosk'),
	submittedAt: fc
		.integer({ min: 0, max: 300 * 86_400 })
		.map((s) => new Date(Date.now() - s * 1000).toISOString()),
	answers: fc
		.tuple(...SERVICE_ITEMS.map(() => fc.integer({ min: 1, max: 5 })))
		.map((levels) => Object.fromEntries(SERVICE_ITEMS.map((code, i) => [code, levels[i]!])))
});

/** A CSV of the interchange columns (or a few wrong ones) with random cells. */
const csvText = fc
	.tuple(
		fc.oneof(
			fc.constant(
				'id,instrument,instrument_version,unit,channel,submitted_at,serial,batch,' +
					itemCodes.join(',') +
					',comment'
			),
			fc.array(nasty, { maxLength: 6 }).map((cells) => cells.join(','))
		),
		fc.array(
			fc.array(fc.oneof(nasty, fc.integer({ min: 0, max: 6 }).map(String)), { maxLength: 30 }),
			{
				maxLength: 8
			}
		),
		fc.constantFrom(',', ';', '\t'),
		fc.constantFrom('\n', '\r\n')
	)
	.map(([header, rows, separator, newline]) =>
		[header.replaceAll(',', separator), ...rows.map((r) => r.join(separator))].join(newline)
	);

beforeAll(async () => {
	server = await startServer();
	admin = await adminClient(server.url);
	anonymous = new Client(server.url);
	staff = new Client(server.url);
	expect((await staff.signIn('staff', 'demo-staff-1')).status).toBe(303);
	deviceAuth = (await enrolledKiosk(admin, 'DEMO.X01')).auth;
	const created = await staff.form('/batches?/create', {
		unit: 'DEMO.X01',
		instrument: 'sipas-service-2023',
		label: 'Đợt thử dữ liệu ngẫu nhiên',
		periodStart: '2019-01-01',
		periodEnd: '2027-12-31',
		expected: '100',
		verifyPercent: '0',
		verifySerials: ''
	});
	batch = created.headers.get('location')!.split('/').at(-1)!;
});
afterAll(async () => {
	await server?.stop();
});

describe('fuzz', { timeout: 600_000 }, () => {
	it('/api/sync: random and nearly valid batches, as a kiosk, staff and a citizen', async () => {
		const body = fc.oneof(
			{
				weight: 3,
				arbitrary: fc
					.array(fc.oneof(nearlyValid, valid), { maxLength: 5 })
					.map((r) => ({ responses: r }))
			},
			{ weight: 1, arbitrary: jsonValue.map((v) => ({ responses: v })) },
			{ weight: 1, arbitrary: jsonValue }
		);
		const sender = fc.constantFrom('device', 'staff', 'anonymous');
		await fc.assert(
			fc.asyncProperty(body, sender, fc.boolean(), async (payload, who, raw) => {
				const client = who === 'staff' ? staff : anonymous;
				const headers: Record<string, string> = { 'content-type': 'application/json' };
				if (who === 'device') Object.assign(headers, deviceAuth);
				// Now and then the bytes are cut short, as a dropped connection leaves them.
				const text = expand(JSON.stringify(payload));
				const sent = raw ? text.slice(0, Math.floor(text.length / 2)) : text;
				await expectHandled(
					await client.request('/api/sync', { method: 'POST', headers, body: sent }),
					`sync ${sent.slice(0, 200)}`
				);
			}),
			runs(3500)
		);
	});

	it('response imports: random CSV and broken workbooks, dry runs and commits', async () => {
		const upload = fc.oneof(
			{
				weight: 4,
				arbitrary: csvText.map((text) => ({ type: 'text/csv', body: text as BodyInit }))
			},
			{
				weight: 2,
				// Real workbooks of random cells, as Excel would save a badly filled form sheet.
				arbitrary: csvText.map((text) => ({
					type: XLSX,
					body: new Uint8Array(
						writeWorkbook(text.split(/\r?\n/).map((line) => line.split(/[,;\t]/)))
					) as BodyInit
				}))
			},
			{
				weight: 1,
				arbitrary: fc.uint8Array({ maxLength: 600 }).map((bytes) => ({
					type: XLSX,
					// A ZIP's signature first, so the reader goes past the first check.
					body: new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...bytes]) as BodyInit
				}))
			}
		);
		await fc.assert(
			fc.asyncProperty(upload, fc.boolean(), fc.boolean(), async (file, dryRun, inBatch) => {
				const query = [dryRun ? 'dry_run=1' : '', inBatch ? `batch=${batch}` : '']
					.filter(Boolean)
					.join('&');
				await expectHandled(
					await staff.request(`/api/responses/import?${query}`, {
						method: 'POST',
						headers: { 'content-type': file.type },
						body: file.body
					}),
					`import ${String(file.body).slice(0, 200)}`
				);
			}),
			runs(2000)
		);
	});

	it('unit imports and instrument uploads: random CSV and mangled definitions', async () => {
		await fc.assert(
			fc.asyncProperty(csvText, fc.boolean(), async (text, dryRun) => {
				await expectHandled(
					await admin.request(`/api/units/import${dryRun ? '?dry_run=1' : ''}`, {
						method: 'POST',
						headers: { 'content-type': 'text/csv' },
						body: text
					}),
					`units ${text.slice(0, 200)}`
				);
			}),
			runs(1000)
		);
		// The shipped definition with one thing changed somewhere: a field dropped or replaced.
		const paths = (value: unknown, at: string[] = []): string[][] =>
			value && typeof value === 'object'
				? [at, ...Object.entries(value).flatMap(([k, v]) => paths(v, [...at, k]))]
				: [at];
		const all = paths(service).filter((p) => p.length > 0);
		const mangled = fc
			.tuple(fc.constantFrom(...all), fc.option(jsonValue), fc.string({ maxLength: 12 }))
			.map(([path, value, suffix]) => {
				const copy = structuredClone(service) as Record<string, unknown>;
				copy.code = `fuzz-${suffix.replace(/[^a-z0-9]/gi, '') || 'x'}`;
				let node = copy;
				for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
				if (value === null) delete node[path.at(-1)!];
				else node[path.at(-1)!] = value;
				return copy;
			});
		await fc.assert(
			fc.asyncProperty(fc.oneof(mangled, jsonValue), async (definition) => {
				await expectHandled(
					await admin.json('/api/instruments', definition),
					`instrument ${JSON.stringify(definition).slice(0, 200)}`
				);
			}),
			runs(1500)
		);
	});

	it('every form action: random fields, as the role the action is for', async () => {
		const actions = discoverRequests().filter(
			(key) => key.startsWith('POST ') && !key.includes('/api/') && key !== 'POST /logout'
		);
		const fill = (route: string) =>
			route
				.replace('/batches/[id]', `/batches/${batch}`)
				.replace('/entry/[batch]', `/entry/${batch}`)
				.replace(/\[code\]/, 'DEMO.X40')
				.replace(/\[\w+\]/, '00000000-0000-4000-8000-000000000000');
		const fieldNames = fc.oneof(
			fc.constantFrom(
				'unit',
				'unitCode',
				'code',
				'name',
				'label',
				'username',
				'password',
				'role',
				'reason',
				'serial',
				'from',
				'to',
				'periodStart',
				'periodEnd',
				'year',
				'dossiers',
				'retireOn',
				'file',
				'json',
				'version',
				'ids',
				'pick'
			),
			nasty
		);
		await fc.assert(
			fc.asyncProperty(
				fc.constantFrom(...actions),
				fc.dictionary(fieldNames, nasty, { maxKeys: 8 }),
				async (key, fields) => {
					const route = key.split(' ')[1]!;
					// Held answers are decided above the unit: an admin's action, like administration.
					const client = /^\/(admin|lang|login|held)/.test(route) ? admin : staff;
					await expectHandled(
						await client.request(fill(route), {
							method: 'POST',
							headers: {
								'content-type': 'application/x-www-form-urlencoded',
								// Ask for SvelteKit's JSON ActionResult instead of a rendered page.
								accept: 'application/json',
								'x-sveltekit-action': 'true'
							},
							body: new URLSearchParams(fields).toString()
						}),
						`${key} ${JSON.stringify(fields).slice(0, 200)}`
					);
				}
			),
			runs(2000)
		);
		// Still signed in after all that (a random form never signs its sender out).
		expect((await staff.request('/batches')).status).toBe(200);
	});

	it('stored nothing invalid: every kept response passes its checks, counters equal a recount', async () => {
		const counted = statuses.length;
		expect(counted).toBeGreaterThanOrEqual(10_000 * scale);
		expect(statuses.filter((s) => s >= 500)).toEqual([]);
		await server.stop();
		const { db, close } = await openDatabase({ dataDir: server.dataDir });
		try {
			let checked = 0;
			// Every questionnaire, the shipped ones and any the fuzz managed to upload.
			const codes = new Set((await instruments.list(db)).map((i) => i.code));
			for (const unit of await units.list(db)) {
				for (const code of codes) {
					const { rows } = await responses.exportPage(db, {
						unit: unit.code,
						instrument: code,
						from: '1900-01-01',
						to: '2999-12-31',
						after: null,
						limit: 100_000
					});
					for (const row of rows) {
						const definition = await instrumentFor(db, code, row.instrumentVersion);
						const response = {
							id: row.id,
							instrument: code,
							instrumentVersion: row.instrumentVersion,
							unit: row.unit,
							channel: row.channel,
							submittedAt: row.submittedAt.toISOString(),
							answers: row.answers,
							...(row.serial ? { serial: row.serial } : {}),
							...(row.comment ? { comment: row.comment } : {})
						};
						expect(responseSchema.safeParse(response).success, row.id).toBe(true);
						expect(checkResponse(definition!, response, Date.now() + 86_400_000), row.id).toEqual(
							[]
						);
						checked++;
					}
				}
			}
			// The fuzz stored some valid responses among the refusals: the check saw real rows.
			expect(checked).toBeGreaterThan(0);
			const { stored, recount } = await countersAndRecount(db);
			expect(stored.length).toBeGreaterThan(0);
			expect(stored).toEqual(recount);
		} finally {
			await close();
		}
	});
});
