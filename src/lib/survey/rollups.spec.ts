import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shippedInstruments } from './shipped/index';
import { cover, increments, periodsOf, RESPONDENTS, rollupDeltas, WHOLE } from './rollups';

const service = shippedInstruments.find((i) => i.code === 'sipas-service-2023')!;

describe('increments', () => {
	it('count a respondent, each level, NA as level 0, choices by position, multi per option', () => {
		const out = increments(service, {
			A1: 5,
			A2: null,
			E1: 'NA',
			trips: '3',
			priorities: ['online', 'feedback'],
			field: 'Hộ tịch',
			gender: 'female'
		});
		expect(out).toEqual([
			{ item: RESPONDENTS, level: 0, n: 1 },
			{ item: 'A1', level: 5, n: 1 },
			{ item: 'E1', level: 0, n: 1 },
			{ item: 'trips', level: 3, n: 1 },
			{ item: 'priorities', level: 1, n: 1 },
			{ item: 'priorities', level: 7, n: 1 },
			{ item: 'gender', level: 2, n: 1 }
		]);
		expect(increments(service, { A1: 4 }, -1)).toEqual([
			{ item: RESPONDENTS, level: 0, n: -1 },
			{ item: 'A1', level: 4, n: -1 }
		]);
	});
});

describe('periods', () => {
	it('a day belongs to its month and year', () => {
		expect(periodsOf('2025-07-15')).toEqual([
			{ grain: 'm', period: '2025-07-01' },
			{ grain: 'y', period: '2025-01-01' }
		]);
	});

	it('a year is one period; a quarter three months; edges are days', () => {
		expect(cover('2025-01-01', '2025-12-31')).toEqual({ y: ['2025-01-01'], m: [], d: [] });
		expect(cover('2025-04-01', '2025-06-30')).toEqual({
			y: [],
			m: ['2025-04-01', '2025-05-01', '2025-06-01'],
			d: []
		});
		expect(cover('2024-02-28', '2024-03-01')).toEqual({
			y: [],
			m: [],
			d: ['2024-02-28', '2024-02-29', '2024-03-01']
		});
		expect(cover('2024-12-30', '2026-01-02')).toEqual({
			y: ['2025-01-01'],
			m: [],
			d: ['2024-12-30', '2024-12-31', '2026-01-01', '2026-01-02']
		});
		expect(cover('2025-02-01', '2025-01-01')).toEqual({ y: [], m: [], d: [] });
	});

	it('covers every day of any range exactly once', () => {
		const toDay = (t: number) => new Date(t).toISOString().slice(0, 10);
		const daysFrom = (start: string, end: string) => {
			const list: string[] = [];
			for (let t = Date.parse(start); t <= Date.parse(end); t += 86_400_000) list.push(toDay(t));
			return list;
		};
		const day = fc.integer({ min: 0, max: 1500 }).map((n) => toDay(Date.UTC(2023, 0, 1 + n)));
		fc.assert(
			fc.property(day, day, (a, b) => {
				const [from, to] = a <= b ? [a, b] : [b, a];
				const { y, m, d } = cover(from, to);
				const covered = [
					...y.flatMap((s) => daysFrom(s, `${s.slice(0, 4)}-12-31`)),
					...m.flatMap((s) => daysFrom(s, toDay(Date.UTC(+s.slice(0, 4), +s.slice(5, 7), 0)))),
					...d
				];
				expect(covered.sort()).toEqual(daysFrom(from, to));
			}),
			{ numRuns: 300 }
		);
	});
});

describe('rollupDeltas', () => {
	it("counts every answer under its unit and under the tree's own counters, and nets signs", () => {
		const row = (unit_code: string, A1: number) => ({
			row: {
				unit_code,
				instrument_code: service.code,
				channel: 'kiosk',
				day: '2025-07-15',
				answers: { A1 }
			},
			instrument: service
		});
		const deltas = rollupDeltas([
			row('X', 5),
			row('Y', 5),
			row('Y', 4),
			{ ...row('Y', 4), sign: -1 }
		]);
		const of = (unit: string, grain: string) =>
			deltas
				.filter((d) => d.unit_code === unit && d.grain === grain)
				.map((d) => `${d.item || 'respondents'}:${d.level}=${d.n}`)
				.sort();
		expect(of('X', 'y')).toEqual(['A1:5=1', 'respondents:0=1']);
		expect(of('Y', 'm')).toEqual(['A1:5=1', 'respondents:0=1']);
		expect(of(WHOLE, 'y')).toEqual(['A1:5=2', 'respondents:0=2']);
		expect(of(WHOLE, 'm')).toEqual(of(WHOLE, 'y'));
		expect(new Set(deltas.map((d) => d.period))).toEqual(new Set(['2025-07-01', '2025-01-01']));
	});
});
