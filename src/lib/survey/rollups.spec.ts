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
		expect(cover('2025-01-01', '2025-12-31')).toEqual({
			y: ['2025-01-01'],
			m: [],
			d: [],
			less: []
		});
		expect(cover('2025-04-01', '2025-06-30')).toEqual({
			y: [],
			m: ['2025-04-01', '2025-05-01', '2025-06-01'],
			d: [],
			less: []
		});
		expect(cover('2024-02-28', '2024-03-01')).toEqual({
			y: [],
			m: [],
			d: ['2024-02-28', '2024-02-29', '2024-03-01'],
			less: []
		});
		expect(cover('2024-12-30', '2026-01-02')).toEqual({
			y: ['2025-01-01'],
			m: [],
			d: ['2024-12-30', '2024-12-31', '2026-01-01', '2026-01-02'],
			less: []
		});
		expect(cover('2025-02-01', '2025-01-01')).toEqual({ y: [], m: [], d: [], less: [] });
		// Seven whole months or more of a year: the year less the others.
		expect(cover('2025-01-01', '2025-11-30')).toEqual({
			y: ['2025-01-01'],
			m: [],
			d: [],
			less: ['2025-12-01']
		});
		expect(cover('2025-03-01', '2025-09-30').less).toEqual([
			'2025-01-01',
			'2025-02-01',
			'2025-10-01',
			'2025-11-01',
			'2025-12-01'
		]);
		expect(cover('2025-03-01', '2025-08-31')).toMatchObject({ y: [], less: [] });
		expect(cover('2025-01-05', '2025-11-20')).toMatchObject({ y: ['2025-01-01'], m: [] });
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
				const { y, m, d, less } = cover(from, to);
				const monthDays = (s: string) =>
					daysFrom(s, toDay(Date.UTC(+s.slice(0, 4), +s.slice(5, 7), 0)));
				// Each day's count: +1 per period it is in, −1 per month taken away.
				const count = new Map<string, number>();
				const add = (days: string[], n: number) =>
					days.forEach((day) => count.set(day, (count.get(day) ?? 0) + n));
				add(
					y.flatMap((s) => daysFrom(s, `${s.slice(0, 4)}-12-31`)),
					1
				);
				add(m.flatMap(monthDays), 1);
				add(d, 1);
				add(less.flatMap(monthDays), -1);
				const covered = [...count].filter(([, n]) => n !== 0);
				expect(covered.every(([, n]) => n === 1)).toBe(true);
				expect(covered.map(([day]) => day).sort()).toEqual(daysFrom(from, to));
				// A year's months come whole (at most six) or as the year less at most five.
				for (let y0 = +from.slice(0, 4); y0 <= +to.slice(0, 4); y0++) {
					const year = String(y0);
					expect(m.filter((s) => s.startsWith(year)).length).toBeLessThanOrEqual(6);
					expect(less.filter((s) => s.startsWith(year)).length).toBeLessThanOrEqual(5);
				}
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

describe('rollupDeltas, property', () => {
	/** Each answer's increments summed key by key, period by period: the counting rule, plainly. */
	function reference(entries: Parameters<typeof rollupDeltas>[0]) {
		const totals = new Map<string, number>();
		const add = (key: string, n: number) => totals.set(key, (totals.get(key) ?? 0) + n);
		for (const { row, instrument, sign = 1 } of entries)
			for (const { item, level, n } of increments(instrument, row.answers, sign))
				for (const { grain, period } of periodsOf(row.day))
					for (const unit of [row.unit_code, WHOLE])
						add([unit, row.instrument_code, row.channel, grain, period, item, level].join('|'), n);
		return [...totals].filter(([, n]) => n !== 0).map(([key, n]) => `${key}=${n}`);
	}
	const keyed = (deltas: ReturnType<typeof rollupDeltas>) =>
		deltas.map(
			(d) =>
				`${[d.unit_code, d.instrument_code, d.channel, d.grain, d.period, d.item, d.level].join('|')}=${d.n}`
		);

	it('equals every answer counted under its unit and the tree, month and year, netted, each key once', () => {
		const level = fc.oneof(fc.constant(null), fc.constant('NA'), fc.integer({ min: 1, max: 5 }));
		const entry = fc.record({
			row: fc.record({
				unit_code: fc.constantFrom('X', 'Y', 'Z'),
				instrument_code: fc.constant(service.code),
				channel: fc.constantFrom('kiosk', 'paper', 'web'),
				day: fc.constantFrom('2024-12-31', '2025-01-01', '2025-07-15', '2025-07-31', '2025-08-01'),
				answers: fc.record({
					A1: level,
					B2: level,
					E3: level,
					gender: fc.constantFrom(null, 'male', 'female'),
					priorities: fc.subarray(['online', 'feedback', 'staff'])
				})
			}),
			instrument: fc.constant(service),
			sign: fc.constantFrom<1 | -1>(1, -1)
		});
		fc.assert(
			fc.property(fc.array(entry, { maxLength: 30 }), (entries) => {
				const deltas = keyed(rollupDeltas(entries));
				expect(deltas.sort()).toEqual(reference(entries).sort());
				expect(new Set(deltas.map((d) => d.split('=')[0])).size).toBe(deltas.length);
			}),
			{ numRuns: 300 }
		);
	});
});
