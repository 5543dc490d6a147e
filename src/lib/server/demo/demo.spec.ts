import { beforeAll, describe, expect, it } from 'vitest';
import { rank, unitIndex, type LevelCounts } from '$lib/survey/indices';
import { indexStructure } from '$lib/survey/instruments';
import { shippedInstruments } from '$lib/survey/shipped';
import { checkResponse, responseSchema } from '$lib/survey/responses';
import { increments } from '$lib/survey/rollups';
import { testEngines } from '../db/testing';
import { bulkLoad } from './province';
import { demoResponses } from './responses';
import * as responses from '../responses/responses.repository';
import * as units from '../units/units.repository';
import { countersAndRecount, seedUnits, useTestDatabase } from '../testing';
import { ranking, unitIndices } from '../dashboard/aggregates';
import { inputOf } from '../responses/rows';

const service = shippedInstruments.find((i) => i.code === 'sipas-service-2023')!;

describe.each(testEngines())('demo data [%s]', (engine) => {
	const t = useTestDatabase(engine);
	let rows: ReturnType<typeof demoResponses>;
	beforeAll(async () => {
		await seedUnits(t.db);
		const members = (await units.list(t.db)).filter((u) =>
			['DEMO.S01', 'DEMO.S02', 'DEMO.S03', 'DEMO.S04', 'DEMO.X01', 'DEMO.X02', 'DEMO.H01'].includes(
				u.code
			)
		);
		rows = demoResponses({
			instrument: service,
			units: members,
			from: '2024-11-20',
			to: '2026-02-10',
			seed: 11
		});
		expect(await bulkLoad(t.db, rows, service)).toEqual({ inserted: rows.length, skipped: [] });
	});

	it('gives every response its own id, even where two units draw the same stream', () => {
		// mulberry32 streams of two seeds are one cycle at two offsets: at 10 M answers two
		// units' streams overlapped and repeated ids (issue 18, item 4). The same seed is the
		// overlap at its worst: every draw alike.
		const [a, b] = ['DEMO.X01', 'DEMO.X02'].map((code) =>
			demoResponses({
				instrument: service,
				units: [{ code, kind: 'commune', validFrom: null, validTo: null } as never],
				from: '2025-07-01',
				to: '2025-09-30',
				seed: 5
			})
		);
		expect(a!.map((r) => r.submitted_at)).toEqual(b!.map((r) => r.submitted_at));
		const ids = new Set([...a!, ...b!].map((r) => r.id));
		expect(ids.size).toBe(a!.length + b!.length);
		expect([...ids].every((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab]/.test(id))).toBe(
			true
		);
	});

	it('reports the rows a bulk load did not store and leaves them out of the counters', async () => {
		const again = rows.slice(0, 3);
		const fresh = demoResponses({
			instrument: service,
			units: [(await units.get(t.db, 'DEMO.S01'))!],
			from: '2023-03-01',
			to: '2023-03-04',
			seed: 99
		});
		// Three rows stored already, then new ones, one of them twice.
		const loaded = await bulkLoad(t.db, [...again, ...fresh, fresh[0]!], service);
		expect(loaded).toEqual({
			inserted: fresh.length,
			skipped: [...again.map((r) => r.id), fresh[0]!.id]
		});
		const { stored, recount } = await countersAndRecount(t.db);
		expect(stored).toEqual(recount);
	});

	it('is valid by the same checks a kiosk answer passes', () => {
		expect(rows.length).toBeGreaterThan(5000);
		for (const row of rows.slice(0, 2000)) {
			const parsed = responseSchema.parse(inputOf(row));
			expect(checkResponse(service, parsed)).toEqual([]);
		}
	});

	/** Indices straight from raw answers, without counters. */
	async function recount(unitCodes: string[], from: string, to: string) {
		const counts = new Map<string, Record<number, number>>();
		let respondents = 0;
		for (const r of await responses.validAnswers(t.db)) {
			if (r.day < from || r.day > to || !unitCodes.includes(r.unit)) continue;
			for (const { item, level, n } of increments(service, r.answers)) {
				if (item === '') respondents += n;
				else
					counts.set(item, { ...counts.get(item), [level]: (counts.get(item)?.[level] ?? 0) + n });
			}
		}
		return {
			...unitIndex(indexStructure(service), counts as Map<string, LevelCounts>),
			respondents
		};
	}

	it('indices agree with a recount for a year, a quarter and a ragged range', async () => {
		for (const [unit, from, to] of [
			['DEMO', '2025-01-01', '2025-12-31'],
			['DEMO.S02', '2025-04-01', '2025-06-30'],
			['DEMO.X01', '2025-07-15', '2026-01-20']
		] as const) {
			const codes = unit === 'DEMO' ? await units.subtreeCodes(t.db, 'DEMO') : [unit];
			const expected = await recount(codes, from, to);
			const actual = await unitIndices(t.db, { unit, instrument: service, period: { from, to } });
			expect(actual.respondents, `${unit} ${from}`).toBe(expected.respondents);
			expect(actual.index).toBeCloseTo(expected.index!, 9);
			expect(actual.groups).toEqual(expected.groups);
		}
	});

	it('the department ranking agrees with a recount and ranks them by it', async () => {
		const period = { from: '2025-01-01', to: '2025-12-31' };
		const result = await ranking(t.db, {
			parent: 'DEMO',
			kind: 'department',
			instrument: service,
			period
		});
		const departments = ['DEMO.S01', 'DEMO.S02', 'DEMO.S03', 'DEMO.S04'];
		const expected = rank(
			await Promise.all(
				departments.map(async (code) => ({
					key: code,
					value: (await recount([code], period.from, period.to)).index
				}))
			)
		);
		for (const e of expected) {
			const row = result.rows.find((r) => r.unit.code === e.key)!;
			expect(row.index).toBeCloseTo(e.value!, 9);
			expect(row.rank).toBe(e.rank);
		}
		const mean = expected.reduce((s, e) => s + e.value!, 0) / expected.length;
		expect(result.average.mean).toBeCloseTo(mean, 9);
		expect(result.withData).toBe(4);
	});
});
