import { describe, expect, it } from 'vitest';
import { indexStructure, instrumentSchema, itemsOf } from './instruments';
import { shippedInstruments } from './shipped/index';
import { checkResponse, responseSchema, vietnamDay } from './responses';

const byCode = (code: string) => shippedInstruments.find((i) => i.code === code)!;
const service = byCode('sipas-service-2023');

describe('shipped instruments', () => {
	it('service form: items A1–E3 in groups II.A–II.E, all L5, II.E accepting NA', () => {
		const structure = indexStructure(service);
		expect(structure.parts.map((p) => p.code)).toEqual(['II']);
		expect(structure.parts[0]!.groups.map((g) => g.code)).toEqual([
			'II.A',
			'II.B',
			'II.C',
			'II.D',
			'II.E'
		]);
		const items = itemsOf(service).filter((i) => i.indexed);
		expect(items.map((i) => i.code).join(' ')).toBe(
			'A1 A2 A3 B1 B2 B3 B4 C1 C2 C3 D1 D2 D3 E1 E2 E3'
		);
		expect(items.every((i) => i.scale === 'L5' && !i.required)).toBe(true);
		expect(items.filter((i) => i.allowNA).map((i) => i.code)).toEqual(['E1', 'E2', 'E3']);
	});

	it('household form: policy (23) and service (16) parts make the SIPAS', () => {
		const structure = indexStructure(byCode('sipas-household-2023'));
		expect(structure.parts.map((p) => [p.code, p.groups.flatMap((g) => g.items).length])).toEqual([
			['I', 23],
			['II', 16]
		]);
	});

	it('quick rating: one required L3 question', () => {
		const items = itemsOf(byCode('quick-rating')).filter((i) => i.indexed);
		expect(items).toMatchObject([{ code: 'Q1', scale: 'L3', required: true }]);
	});

	it('every text exists in Vietnamese and English', () => {
		for (const instrument of shippedInstruments) {
			for (const item of itemsOf(instrument)) {
				expect(item.text.vi && item.text.en, `${instrument.code} ${item.code}`).toBeTruthy();
			}
		}
	});
});

describe('instrument schema', () => {
	const copy = () => structuredClone(service) as unknown as Record<string, never>;

	it('refuses a repeated item code, a non-satisfaction item in an indexed part, a choice without options', () => {
		const broken = copy() as unknown as typeof service;
		broken.parts[0]!.groups[0]!.items[1]!.code = 'A1';
		broken.parts[0]!.groups[1]!.items[0]!.scale = 'L4';
		broken.parts[1]!.groups[0]!.items[1]!.options = [];
		const messages = instrumentSchema.safeParse(broken).error!.issues.map((i) => i.message);
		expect(messages).toEqual(
			expect.arrayContaining([
				'item code A1 repeats',
				'items of an indexed part must be L5 or L3',
				'choice needs options'
			])
		);
	});
});

describe('responses', () => {
	const base = {
		id: '01937c6e-8f5a-7b3c-9d2e-1f4a5b6c7d8e',
		instrument: 'sipas-service-2023',
		instrumentVersion: 1,
		unit: 'DEMO.X01',
		channel: 'kiosk',
		submittedAt: '2026-03-10T09:15:00+07:00',
		answers: { A1: 5, E1: 'NA', trips: '1', priorities: ['online'], field: 'Hộ tịch' },
		comment: '  Cán bộ nhiệt tình.  '
	};

	it('accepts a good response and trims its comment', () => {
		const parsed = responseSchema.parse(base);
		expect(parsed.comment).toBe('Cán bộ nhiệt tình.');
		expect(checkResponse(service, parsed)).toEqual([]);
	});

	it('names every wrong answer', () => {
		const parsed = responseSchema.parse({
			...base,
			answers: { A1: 6, A2: 'NA', B1: 4.5, trips: '9', priorities: ['online', 'online'], nope: 1 },
			submittedAt: '2099-01-01T00:00:00Z'
		});
		expect(checkResponse(service, parsed).map((i) => i.message)).toEqual([
			'A1 must be a whole number from 1 to 5',
			'A2 does not accept "not applicable"',
			'B1 must be a whole number from 1 to 5',
			'trips must be one of 1, 2, 3',
			'priorities must be a list of distinct values from online, simpler, faster, attitude, facilities, transparency, feedback',
			'no item nope in sipas-service-2023 v1',
			'submission time is not believable (check the device clock)'
		]);
	});

	it('requires what the instrument requires', () => {
		const quick = byCode('quick-rating');
		const parsed = responseSchema.parse({
			...base,
			instrument: 'quick-rating',
			answers: { counter: '3' },
			comment: undefined
		});
		expect(checkResponse(quick, parsed).map((i) => i.message)).toEqual(['Q1 is required']);
	});

	it('refuses unknown fields, a bad id, a long comment and a time without offset', () => {
		const result = responseSchema.safeParse({
			...base,
			id: 'x',
			extra: 1,
			comment: 'a'.repeat(1001),
			submittedAt: '2026-03-10T09:15:00'
		});
		expect(result.error!.issues.map((i) => i.path[0] ?? i.code)).toEqual(
			expect.arrayContaining(['id', 'submittedAt', 'comment', 'unrecognized_keys'])
		);
	});

	it('puts an instant on its Vietnam day whatever the server zone', () => {
		expect(vietnamDay('2026-03-09T17:00:00Z')).toBe('2026-03-10');
		expect(vietnamDay('2026-03-09T16:59:59Z')).toBe('2026-03-09');
		expect(vietnamDay('2026-12-31T23:30:00+07:00')).toBe('2026-12-31');
	});
});
