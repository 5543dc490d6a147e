import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	CLOCK_SKEW_MS,
	clockOff,
	clockSkew,
	heldAsLate,
	PUBLIC_HOLD_AFTER_MS,
	timeIssues
} from './admission';
import type { ResponseInput } from './responses';

const commune = { code: 'DEMO.X01', validFrom: '2025-07-01', validTo: null };
const district = { code: 'DEMO.H01', validFrom: null, validTo: '2025-06-30' };
const receivedAt = Date.parse('2026-12-01T03:00:00Z'); // 10:00 in Vietnam
const answer = (channel: ResponseInput['channel'], submittedAt: string): ResponseInput => ({
	id: '0192f0a0-0000-7000-8000-000000000001',
	instrument: 'sipas-service-2023',
	instrumentVersion: 1,
	unit: 'DEMO.X01',
	channel,
	submittedAt,
	answers: { A1: 5 }
});
const keys = (r: ResponseInput, context: Partial<Parameters<typeof timeIssues>[1]> = {}) =>
	timeIssues(r, { receivedAt, unit: commune, ...context }).map((i) => i.key?.replace('issue.', ''));

describe('when an answer may be counted', () => {
	it('refuses a day outside the unit’s validity (a commune of July 2025, a district closed in June)', () => {
		expect(keys(answer('web', '2025-03-15T09:00:00+07:00'))).toEqual(['beforeUnit']);
		expect(keys(answer('web', '2025-07-01T00:10:00+07:00'))).toEqual([]);
		expect(keys(answer('paper', '2025-08-01T12:00:00+07:00'), { unit: district })).toEqual([
			'afterUnit'
		]);
		expect(keys(answer('paper', '2025-06-30T12:00:00+07:00'), { unit: district })).toEqual([]);
	});

	it('refuses an answer dated after its receipt beyond a few minutes of clock skew', () => {
		const at = (ms: number) => new Date(ms).toISOString();
		expect(keys(answer('kiosk', at(receivedAt + CLOCK_SKEW_MS)))).toEqual([]);
		expect(keys(answer('kiosk', at(receivedAt + CLOCK_SKEW_MS + 1000)))).toEqual(['future']);
		// A paper form carries a day: today (noon, after 10:00) is fine, tomorrow is not.
		expect(keys(answer('paper', '2026-12-01T12:00:00+07:00'))).toEqual([]);
		expect(keys(answer('paper', '2026-12-02T12:00:00+07:00'))).toEqual(['future']);
	});

	it('refuses a kiosk answer older than the kiosk’s first enrolment', () => {
		const enrolledAt = new Date('2026-11-01T02:00:00Z');
		const before = answer('kiosk', '2026-10-31T09:00:00+07:00');
		expect(keys(before, { enrolledAt })).toEqual(['beforeEnrolment']);
		expect(keys(answer('kiosk', '2026-11-01T09:00:00+07:00'), { enrolledAt })).toEqual([]);
		// Only kiosks have an enrolment.
		expect(keys(answer('paper', '2026-10-31T12:00:00+07:00'), { enrolledAt })).toEqual([]);
	});

	it('takes every instant between the unit’s start and its receipt, on every channel', () => {
		const start = Date.parse('2025-06-30T17:00:00Z'); // 1 July 2025, 00:00 in Vietnam
		fc.assert(
			fc.property(
				fc.integer({ min: start, max: receivedAt }),
				fc.constantFrom('kiosk', 'paper', 'web' as const),
				(ms, channel) => {
					expect(keys(answer(channel, new Date(ms).toISOString()))).toEqual([]);
				}
			)
		);
	});

	it('holds, and does not refuse, a public answer that waited more than 72 hours', () => {
		const at = (ms: number) => new Date(ms).toISOString();
		expect(
			heldAsLate(answer('web', at(receivedAt - PUBLIC_HOLD_AFTER_MS + 1000)), receivedAt)
		).toBe(false);
		const late = answer('web', at(receivedAt - PUBLIC_HOLD_AFTER_MS - 1000));
		expect(heldAsLate(late, receivedAt)).toBe(true);
		expect(keys(late)).toEqual([]);
		// A kiosk's backlog after a week offline is normal: it is never held for its age.
		expect(heldAsLate(answer('kiosk', late.submittedAt), receivedAt)).toBe(false);
	});

	it('judges a kiosk whose clock is off on the server’s time, from the clock it reported', () => {
		const fast = 20 * 60_000;
		expect(clockSkew(new Date(receivedAt + fast).toISOString(), receivedAt)).toBe(fast);
		expect(clockSkew(undefined, receivedAt)).toBe(0);
		expect(clockSkew('not a time', receivedAt)).toBe(0);
		expect([clockOff(fast), clockOff(-fast), clockOff(CLOCK_SKEW_MS)]).toEqual([true, true, false]);
		// Its answer of a moment ago reads 15 minutes ahead on its own clock: fine.
		const now = answer('kiosk', new Date(receivedAt + 15 * 60_000).toISOString());
		expect(keys(now)).toEqual(['future']);
		expect(keys(now, { clockSkewMs: fast })).toEqual([]);
		// The offset is a kiosk's: a phone's or a clerk's date is taken as it is.
		expect(keys({ ...now, channel: 'web' }, { clockSkewMs: fast })).toEqual(['future']);
	});
});
