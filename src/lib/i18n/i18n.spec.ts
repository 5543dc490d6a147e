import { describe, expect, it } from 'vitest';
import { en } from './en';
import {
	formatDateTime,
	formatDay,
	formatNumber,
	formatPercent,
	pickLocale,
	translate
} from './index';
import { vi } from './vi';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('messages', () => {
	it('has every key in both languages, none empty', () => {
		expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort());
		for (const [key, text] of Object.entries({ ...vi, ...en })) {
			expect(text.trim(), key).not.toBe('');
		}
	});

	it('uses the same placeholders in both languages', () => {
		for (const key of Object.keys(vi) as (keyof typeof vi)[]) {
			expect(placeholders(en[key]), key).toEqual(placeholders(vi[key]));
		}
	});

	it('fills placeholders', () => {
		expect(translate('vi', 'unit.error.duplicate', { code: 'X1', line: 4 })).toBe(
			'Mã X1 xuất hiện nhiều lần trong tệp (dòng 4).'
		);
	});
});

describe('formats', () => {
	it('writes Vietnamese numbers as the published reports do', () => {
		expect(formatPercent('vi', 84.6449)).toBe('84,64 %');
		expect(formatNumber('vi', 11500)).toBe('11.500');
		expect(formatPercent('en', 84.6449)).toBe('84.64%');
		expect(formatNumber('en', 11500)).toBe('11,500');
	});

	it('writes times in Vietnam time, day first', () => {
		expect(formatDateTime('vi', '2026-11-22T07:05:00Z')).toBe('22/11/2026 14:05');
		expect(formatDateTime('en', new Date('2026-12-31T17:30:00Z'))).toBe('01/01/2027 00:30');
	});

	it('writes days day-first', () => {
		expect(formatDay('2025-06-30')).toBe('30/06/2025');
		expect(formatDay(null)).toBe('');
	});
});

describe('pickLocale', () => {
	it('prefers the cookie, then the browser, then Vietnamese', () => {
		expect(pickLocale('en', 'vi')).toBe('en');
		expect(pickLocale(undefined, 'en-US,en;q=0.9')).toBe('en');
		expect(pickLocale('fr', 'de-DE')).toBe('vi');
		expect(pickLocale(undefined, null)).toBe('vi');
	});
});
