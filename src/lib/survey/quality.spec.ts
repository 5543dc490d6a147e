import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { itemsOf, type Instrument } from './instruments';
import { editedFlags, QUALITY_DEFAULTS, qualityFlags, qualityRules } from './quality';
import { shippedInstruments } from './shipped';

const service = shippedInstruments.find((i) => i.code === 'sipas-service-2023')!;
const rated = itemsOf(service)
	.filter((item) => item.scale === 'L5')
	.map((item) => item.code);
const sixteen = (level: (i: number) => number) =>
	Object.fromEntries(rated.slice(0, 16).map((code, i) => [code, level(i)]));
const varied = sixteen((i) => (i % 2 ? 4 : 5));
const at = (second: number) => new Date(Date.UTC(2026, 2, 10, 2, 0, second)).toISOString();
const answer = (answers: Record<string, number | 'NA'>, seconds: number | null, end = 600) => ({
	answers,
	startedAt: seconds === null ? undefined : at(end - seconds),
	submittedAt: at(end)
});

describe('data-quality flags', () => {
	it('marks a speeder under 2 s an answer, and nobody slower or without a start time', () => {
		expect(qualityFlags(service, answer(varied, 31))).toEqual(['speeder']);
		expect(qualityFlags(service, answer(varied, 32))).toEqual([]);
		expect(qualityFlags(service, answer(varied, null))).toEqual([]);
		// Three answers: 6 s is enough.
		expect(qualityFlags(service, answer({ A1: 5, A2: 4, A3: 'NA' }, 6))).toEqual([]);
	});

	it('marks straight-lining on ten or more rated items, "not applicable" aside', () => {
		expect(
			qualityFlags(
				service,
				answer(
					sixteen(() => 5),
					null
				)
			)
		).toEqual(['straightline']);
		const nine = {
			...sixteen(() => 3),
			...Object.fromEntries(rated.slice(9, 16).map((c) => [c, 'NA' as const]))
		};
		expect(qualityFlags(service, answer(nine, null))).toEqual([]);
		const ten = {
			...sixteen(() => 3),
			...Object.fromEntries(rated.slice(10, 16).map((c) => [c, 'NA' as const]))
		};
		expect(qualityFlags(service, answer(ten, null))).toEqual(['straightline']);
		expect(qualityFlags(service, answer(varied, null))).toEqual([]);
	});

	it('marks the third complete answer of one kiosk within a minute as a burst', () => {
		const device = (earlier: number[]) => ({ earlier: earlier.map((s) => Date.parse(at(s))) });
		const third = answer(varied, null, 600);
		expect(qualityFlags(service, third, device([560, 590]))).toEqual(['burst']);
		expect(qualityFlags(service, third, device([530, 590]))).toEqual([]);
		// Later answers do not make an earlier one a burst; without a device there is none.
		expect(qualityFlags(service, third, device([590, 610]))).toEqual([]);
		expect(qualityFlags(service, third)).toEqual([]);
		expect(qualityFlags(service, { ...third, partial: true }, device([560, 590]))).toEqual([]);
	});

	it('takes its thresholds from the instrument, the documented defaults where it sets none', () => {
		expect(qualityRules(service)).toEqual(QUALITY_DEFAULTS);
		const strict: Instrument = {
			...service,
			rules: { ...service.rules, quality: { speeder: { secondsPerAnswer: 5 } } }
		};
		expect(qualityRules(strict).speeder.secondsPerAnswer).toBe(5);
		expect(qualityRules(strict).burst).toEqual(QUALITY_DEFAULTS.burst);
		expect(qualityFlags(strict, answer(varied, 60))).toEqual(['speeder']);
	});

	it('judges straight-lining again after a correction, keeping how the answer was sent', () => {
		expect(editedFlags(service, ['clock', 'straightline'], varied)).toEqual(['clock']);
		expect(
			editedFlags(
				service,
				['speeder'],
				sixteen(() => 1)
			)
		).toEqual(['speeder', 'straightline']);
	});

	it('never marks a speeder who took the time, nor straight-lining with two levels (property)', () => {
		fc.assert(
			fc.property(
				fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 16 }),
				fc.integer({ min: 0, max: 100 }),
				(levels, extra) => {
					const answers = Object.fromEntries(levels.map((level, i) => [rated[i]!, level]));
					const flags = qualityFlags(service, answer(answers, 2 * levels.length + extra));
					expect(flags).not.toContain('speeder');
					expect(flags.includes('straightline')).toBe(
						levels.length >= 10 && new Set(levels).size === 1
					);
				}
			)
		);
	});
});
