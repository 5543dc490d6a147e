import { beforeAll, describe, expect, it } from 'vitest';
import { shippedInstruments } from '$lib/survey/shipped';
import { cover, increments, rollupDeltas, WHOLE } from '$lib/survey/rollups';
import type { Piece } from '$lib/survey/timeline';
import { testEngines } from '../db/testing';
import { migrations } from '../db/migrate';
import { bulkLoad } from '../demo/province';
import { demoResponses } from '../demo/responses';
import * as units from '../units/units.repository';
import {
	aView,
	countersAndRecount,
	indexPlan,
	seedUnits,
	traced,
	useTestDatabase
} from '../testing';
import { countsByOwner, timelineOf } from './attribution';
import { indicesOf } from './aggregates';
import { countsByMonth, countsByUnit, respondentsByChannel, Tally } from './counts';
import { channels } from '$lib/survey/channels';
import * as responses from '../responses/responses.repository';
import { HALVED_ABOVE } from '../responses/counters.repository';
import * as rollups from '../responses/rollups.repository';
import { loadDashboard } from './service';

const service = shippedInstruments.find((i) => i.code === 'sipas-service-2023')!;

/** The same pieces without their whole owner: counted unit by unit, as before the tree's own counters. */
const unitByUnit = (pieces: readonly Piece[]): Piece[] =>
	pieces.map(({ period, owners }) => ({ period, owners }));

/**
 * The tree's own counters (`WHOLE`): the province's figures read from them equal the same
 * figures counted unit by unit, for every shape of period and filter, through the 2025 reform.
 */
describe.each(testEngines())("the tree's own counters [%s]", (engine) => {
	const t = useTestDatabase(engine);
	beforeAll(async () => {
		await seedUnits(t.db);
		// Units on both sides of the reform: a department, a district and its old communes,
		// the new wards formed from them.
		const members = ['DEMO.S01', 'DEMO.H01', 'DEMO.C01', 'DEMO.C02', 'DEMO.X01', 'DEMO.X02'];
		const rows = demoResponses({
			instrument: service,
			units: (await units.list(t.db)).filter((u) => members.includes(u.code)),
			from: '2024-11-20',
			to: '2026-02-10',
			seed: 7
		});
		expect((await bulkLoad(t.db, rows, service)).skipped).toEqual([]);
	});

	const shapes = [
		{ name: 'a year', period: { from: '2025-01-01', to: '2025-12-31' } },
		{ name: 'a range with edge days', period: { from: '2024-12-03', to: '2026-01-17' } },
		{ name: 'the reform half-year', period: { from: '2025-07-01', to: '2025-12-31' } }
	];
	const filters = [
		{},
		{ clean: true },
		{ channel: 'kiosk' },
		{ field: 'Hộ tịch' },
		{ items: ['A1', 'B2'] }
	];

	it.each(shapes)(
		"counts the province over $name as its units' sum, for every filter",
		async ({ period }) => {
			const timeline = await timelineOf(t.db);
			const pieces = timeline.attribution(['DEMO'], period, true);
			expect(pieces.every((piece) => piece.whole === 'DEMO')).toBe(true);
			for (const filter of filters) {
				const read = { instrument: service.code, ...filter };
				const whole = (await countsByOwner(t.db, read, pieces)).get('DEMO');
				const summed = (await countsByOwner(t.db, read, unitByUnit(pieces))).get('DEMO');
				expect(whole).toEqual(summed);
				expect(whole!.respondents).toBeGreaterThan(0);
			}
		}
	);

	it.each([
		...shapes,
		{ name: 'January–November', period: { from: '2025-01-01', to: '2025-11-30' } }
	])(
		'counts respondents per channel over $name in one read, as a read per channel does',
		async ({ period }) => {
			const units = ['DEMO.S01', 'DEMO.C01', 'DEMO.X01', WHOLE];
			for (const filter of [{}, { clean: true }, { field: 'Hộ tịch' }]) {
				const read = { instrument: service.code, units, period, ...filter };
				const together = await respondentsByChannel(t.db, read);
				for (const channel of channels) {
					const alone = await countsByUnit(t.db, { ...read, channel, items: [] });
					expect(together.get(channel)).toEqual(alone);
				}
				expect(together.get('kiosk')!.get(WHOLE)!.respondents).toBeGreaterThan(0);
			}
		}
	);

	it("reads the province's months from the tree's own counters, edge days included", async () => {
		const period = { from: '2024-12-03', to: '2026-01-17' };
		const timeline = await timelineOf(t.db);
		const codes = [...timeline.units.keys()];
		for (const filter of filters.filter((f) => !('field' in f))) {
			const read = { instrument: service.code, period, ...filter };
			expect(await countsByMonth(t.db, { ...read, units: [WHOLE] })).toEqual(
				await countsByMonth(t.db, { ...read, units: codes })
			);
		}
	});

	it("shows the province's headline and trend as its units' answers counted one by one", async () => {
		const province = (await units.get(t.db, 'DEMO'))!;
		const period = { from: '2025-02-11', to: '2025-12-31' };
		const search = `period=custom&from=${period.from}&to=${period.to}&flagged=exclude`;
		const data = await loadDashboard(t.db, aView(search), province, service, 'vi');
		const timeline = await timelineOf(t.db);
		const read = { instrument: service.code, clean: true };
		const pieces = unitByUnit(timeline.attribution(['DEMO'], period, true));
		const counted = indicesOf(service, (await countsByOwner(t.db, read, pieces)).get('DEMO')!);
		expect(data.headline).toMatchObject({ n: counted.respondents, index: counted.index });
		const months = await countsByMonth(t.db, {
			...read,
			units: [...timeline.units.keys()],
			period: { from: '2025-12-01', to: '2025-12-31' }
		});
		expect(data.trend.at(-1)).toMatchObject({
			label: '2025-12',
			n: months.get('2025-12')!.respondents
		});
	});

	it.each([
		['January–November', { from: '2025-01-01', to: '2025-11-30' }],
		['a year less months, with edge days', { from: '2024-12-20', to: '2025-10-09' }]
	])('counts %s as the answers themselves, unit by unit', async (_, period) => {
		const stored = await responses.validAnswers(t.db);
		const expected = new Tally();
		for (const row of stored.filter((r) => r.day >= period.from && r.day <= period.to))
			for (const { item, level, n } of increments(service, row.answers))
				for (const key of [row.unit, WHOLE]) expected.add(key, item, level, n);
		const units = [...new Set(stored.map((r) => r.unit)), WHOLE];
		const counted = await countsByUnit(t.db, { instrument: service.code, units, period });
		expect(counted).toEqual(expected.by);
		expect(cover(period.from, period.to).less.length).toBeGreaterThan(0);
	});

	it('reads counters by an index range of units and periods, the items kept by a filter on it', async () => {
		const { q, reads } = traced(t.db);
		const period = { from: '2025-01-01', to: '2025-11-30' };
		const filter = { instrument: service.code, period, items: ['A1', 'B2'] };
		const units = ['DEMO.X01', 'DEMO.X02', WHOLE];
		expect(await countsByUnit(q, { ...filter, units })).toEqual(
			await countsByUnit(t.db, { ...filter, units })
		);
		// As at 10 M answers, where the index beats reading the table.
		const counters = reads.filter((read) => read.sql.includes('from rollups'));
		const plans = await Promise.all(counters.map((read) => indexPlan(t.db, read)));
		// A year and the month it is read less.
		expect(plans).toHaveLength(2);
		for (const plan of plans) {
			const conditions = [...plan.matchAll(/"Index Cond": ?"([^"]*)"/g)].map((m) => m[1]);
			expect(conditions.length).toBeGreaterThan(0);
			for (const condition of conditions) {
				expect(condition).toMatch(/unit_code/);
				expect(condition).not.toMatch(/item/);
			}
		}
	});

	it('reads the counters of many units in two halves at once, counting each unit once', async () => {
		const { q, reads } = traced(t.db);
		const stored = ['DEMO.S01', 'DEMO.H01', 'DEMO.C01', 'DEMO.C02', 'DEMO.X01', 'DEMO.X02', WHOLE];
		// Codes with no answers between them, so that answers fall in both halves.
		const none = Array.from({ length: HALVED_ABOVE }, (_, i) => `DEMO.NONE${i}`);
		const units = [...stored.slice(0, 3), ...none, ...stored.slice(3)];
		const filter = { instrument: service.code, period: { from: '2025-01-01', to: '2025-12-31' } };
		const halved = await countsByUnit(q, { ...filter, units });
		expect(reads.filter((read) => read.sql.includes('from rollups'))).toHaveLength(2);
		expect(halved).toEqual(await countsByUnit(t.db, { ...filter, units: stored }));
		// Units of both halves.
		expect(['DEMO.S01', WHOLE].map((code) => halved.get(code)?.respondents)).not.toContain(
			undefined
		);
	});

	it('fills the counters of answers stored before them and puts eight levels in a row (migrations 0015, 0016)', async () => {
		// A few answers flagged, so that both tables hold counters.
		await t.db.exec(`update responses set flags = '["speeder"]'
			where id in (select id from responses where status = 'valid' order by id limit 7)`);
		const flagged = (await responses.validAnswers(t.db)).filter((r) => r.flags.length);
		const entries = flagged.map((r) => ({
			row: { ...r, unit_code: r.unit, instrument_code: r.instrument },
			instrument: service
		}));
		await rollups.add(t.db, rollupDeltas(entries), 'flagged_rollups');
		const before = await countersAndRecount(t.db);
		expect(before.stored).toEqual(before.recount);
		// The counters as they stood before 0015: a row per level, none for the tree itself.
		const rows = await Promise.all([rollups.all(t.db), rollups.all(t.db, 'flagged_rollups')]);
		await t.db.exec(`drop table rollups; drop table flagged_rollups;
			create table rollups (instrument_code text not null, grain char(1) not null,
				period date not null, unit_code text not null, item text not null, level smallint not null,
				kiosk integer not null default 0, paper integer not null default 0,
				web integer not null default 0, dossier integer not null default 0,
				constraint rollups_pkey primary key (instrument_code, grain, period, unit_code, item, level));
			create table flagged_rollups (like rollups including all);`);
		for (const [i, table] of ['rollups', 'flagged_rollups'].entries()) {
			const old = rows[i]!.filter((d) => d.unit_code !== WHOLE);
			await t.db.query(
				`insert into ${table} (instrument_code, grain, period, unit_code, item, level, kiosk, paper, web, dossier)
				select instrument_code, grain, period, unit_code, item, level,
					${channels.map((c) => `coalesce(sum(n) filter (where channel = '${c}'), 0)`).join(', ')}
				from unnest($1::text[], $2::char(1)[], $3::date[], $4::text[], $5::text[], $6::smallint[], $7::text[], $8::int[])
					as d (instrument_code, grain, period, unit_code, item, level, channel, n)
				group by 1, 2, 3, 4, 5, 6`,
				(
					[
						'instrument_code',
						'grain',
						'period',
						'unit_code',
						'item',
						'level',
						'channel',
						'n'
					] as const
				).map((field) => old.map((d) => d[field]))
			);
		}
		for (const version of ['0015', '0016'])
			await t.db.exec(migrations.find((m) => m.version === version)!.sql);
		const after = await countersAndRecount(t.db);
		expect(after.stored).toEqual(after.recount);
		expect(
			after.stored.filter((key) => key.startsWith(`flagged|${WHOLE}|`)).length
		).toBeGreaterThan(0);
	});
});
