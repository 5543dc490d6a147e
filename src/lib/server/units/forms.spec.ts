import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Unit } from '$lib/survey/units';
import { retireValues, unitValues } from './forms';

const ward: Unit = {
	code: 'DEMO.X01',
	name: 'Phường An Lạc',
	kind: 'commune',
	parentCode: 'DEMO',
	validFrom: '2025-07-01',
	validTo: null,
	successorCodes: [],
	predecessorCodes: []
};

describe('retiring a unit from its page', () => {
	afterEach(() => {
		vi.useRealTimers();
	});

	it('retires on the day given, with the successors named', () => {
		expect(retireValues(ward, '2026-03-31', 'DEMO.X02 DEMO.X03')).toEqual({
			...unitValues(ward),
			validTo: '2026-03-31',
			successorCodes: 'DEMO.X02 DEMO.X03'
		});
	});

	it('without a day, retires today in Vietnam, also between 00:00 and 07:00 when UTC is still on yesterday', () => {
		// 06:30 on 11 March in Hà Nội is 23:30 on 10 March UTC.
		vi.useFakeTimers({ toFake: ['Date'] });
		vi.setSystemTime(new Date('2026-03-10T23:30:00Z'));
		expect(retireValues(ward, '', '').validTo).toBe('2026-03-11');
		vi.setSystemTime(new Date('2026-03-10T16:59:59Z'));
		expect(retireValues(ward, '', '').validTo).toBe('2026-03-10');
	});
});
