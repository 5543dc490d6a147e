import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { unitIndex, type LevelCounts } from '$lib/survey/indices';
import { indexStructure } from '$lib/survey/instruments';
import { shippedInstruments } from '$lib/survey/shipped';
import { increments } from '$lib/survey/rollups';
import { testEngines } from '../db/testing';
import { aUser } from '../factories';
import * as responses from '../responses/responses.repository';
import * as users from '../people/users.repository';
import { seedUnits, useTestDatabase } from '../testing';
import { ranking, unitIndices } from './aggregates';
import { buckets, trend } from './trend';
import { ingest } from '../responses/ingest';

const service = shippedInstruments.find((i) => i.code === 'sipas-service-2023')!;
const DAY = 86_400_000;
const dayOf = (n: number) => new Date(Date.UTC(2025, 6, 1) + n * DAY).toISOString().slice(0, 10);

/** A response on a Vietnam day: 09:00 local time. */
const onDay = (unit: string, day: string, answers: Record<string, number | string | null>) => ({
	id: randomUUID(),
	instrument: 'sipas-service-2023',
	instrumentVersion: 1,
	unit,
	channel: 'paper',
	submittedAt: `${day}T09:00:00+07:00`,
	answers
});

describe.each(testEngines())('aggregates [%s]', (engine) => {
	const t = useTestDatabase(engine);
	let admin: users.User;
	beforeAll(async () => {
		await seedUnits(t.db);
		admin = await aUser(t.db, { username: 'ad', role: 'admin', unitCode: null });
	});

	it('indices over any range equal a recount of the raw answers', async () => {
		const level = fc.oneof(fc.constant(null), fc.integer({ min: 1, max: 5 }));
		const batch = fc.sample(
			fc.record({
				unit: fc.constantFrom('DEMO.X01', 'DEMO.X02', 'DEMO.S01'),
				day: fc.integer({ min: 0, max: 500 }),
				a: level,
				b: level,
				c: level,
				e: fc.oneof(level, fc.constant('NA'))
			}),
			{ numRuns: 400, seed: 7 }
		);
		const results = await ingest(
			t.db,
			batch.map((r) => onDay(r.unit, dayOf(r.day), { A1: r.a, B4: r.b, C2: r.c, E1: r.e })),
			{ user: admin },
			{ history: true }
		);
		expect(results.every((r) => r.status === 'created')).toBe(true);
		const raw = await responses.validAnswers(t.db);

		await fc.assert(
			fc.asyncProperty(
				fc.integer({ min: 0, max: 520 }),
				fc.integer({ min: 0, max: 520 }),
				fc.constantFrom('DEMO', 'DEMO.X01'),
				async (a, b, unit) => {
					const [from, to] = [dayOf(Math.min(a, b)), dayOf(Math.max(a, b))];
					const counts = new Map<string, Record<number, number>>();
					let respondents = 0;
					for (const r of raw) {
						if (r.day < from || r.day > to || (unit !== 'DEMO' && r.unit !== unit)) continue;
						for (const { item, level, n } of increments(service, r.answers)) {
							if (item === '') respondents += n;
							else
								counts.set(item, {
									...counts.get(item),
									[level]: (counts.get(item)?.[level] ?? 0) + n
								});
						}
					}
					const expected = unitIndex(indexStructure(service), counts as Map<string, LevelCounts>);
					const actual = await unitIndices(t.db, {
						unit,
						instrument: service,
						period: { from, to }
					});
					expect(actual.respondents).toBe(respondents);
					expect(actual.index).toBe(expected.index);
					expect(actual.items).toEqual(expected.items);
				}
			),
			{ numRuns: 25 }
		);
	});

	it('ranks a block with shared ranks, rank changes, the average, the gap and the most improved', async () => {
		// Departments S10–S13; 2024 is the compare year. Each answer is one respondent on A1 only.
		const plan: [string, string, number[]][] = [
			['DEMO.S10', '2024-05-01', [5, 5, 1, 1]], // 50
			['DEMO.S10', '2025-05-01', [5, 5, 5, 1]], // 75 (+25)
			['DEMO.S11', '2024-05-01', [5, 5, 5, 5]], // 100
			['DEMO.S11', '2025-05-01', [5, 5, 5, 1]], // 75 (−25)
			['DEMO.S12', '2024-05-01', [4, 1]], // 50
			['DEMO.S12', '2025-05-01', [4, 4, 4, 4, 1]] // 80 (+30)
		];
		await ingest(
			t.db,
			plan.flatMap(([unit, day, levels]) => levels.map((A1) => onDay(unit, day, { A1 }))),
			{ user: admin },
			{ history: true }
		);
		const parent = 'DEMO';
		const result = await ranking(t.db, {
			parent,
			kind: 'department',
			instrument: service,
			period: { from: '2025-01-01', to: '2025-12-31' },
			compare: { from: '2024-01-01', to: '2024-12-31' }
		});
		const mine = result.rows.filter((r) =>
			['DEMO.S10', 'DEMO.S11', 'DEMO.S12'].includes(r.unit.code)
		);
		expect(
			mine.map((r) => [r.unit.code, r.index, r.rank, r.previousRank, r.rankChange, r.change])
		).toEqual([
			['DEMO.S12', 80, expect.any(Number), 2, expect.any(Number), 30],
			['DEMO.S10', 75, expect.any(Number), 2, expect.any(Number), 25],
			['DEMO.S11', 75, expect.any(Number), 1, expect.any(Number), -25]
		]);
		// S10 and S11 tie: same rank.
		expect(mine[1]!.rank).toBe(mine[2]!.rank);
		expect(result.mostImproved?.unit.code).toBe('DEMO.S12');
		expect(result.rows.filter((r) => r.index === null).every((r) => r.rank === null)).toBe(true);
		expect(result.gap).toBeCloseTo(result.top!.index! - result.bottom!.index!, 12);
	});

	it('splits a range into calendar buckets and trends over them', async () => {
		expect(buckets({ from: '2025-02-15', to: '2025-07-10' }, 'quarter')).toEqual([
			{ from: '2025-02-15', to: '2025-03-31', label: '2025-Q1' },
			{ from: '2025-04-01', to: '2025-06-30', label: '2025-Q2' },
			{ from: '2025-07-01', to: '2025-07-10', label: '2025-Q3' }
		]);
		expect(buckets({ from: '2024-06-01', to: '2025-01-31' }, 'year').map((b) => b.label)).toEqual([
			'2024',
			'2025'
		]);
		const points = await trend(t.db, {
			unit: 'DEMO.S10',
			instrument: service,
			period: { from: '2024-01-01', to: '2025-12-31' },
			bucket: 'year'
		});
		expect(points.map((p) => [p.label, p.index, p.n])).toEqual([
			['2024', 50, 4],
			['2025', 75, 4]
		]);
	});
});
