import { describe, expect, it } from 'vitest';
import { treeRows } from './tree';
import { isCurrent, parseDate, unitInput, type Unit } from './units';

const row = (over: Record<string, string> = {}) => ({
	code: 'DEMO.X01',
	name: 'Phường An Lạc',
	kind: 'commune',
	parentCode: 'DEMO',
	validFrom: '',
	validTo: '',
	successorCodes: '',
	...over
});

describe('parseDate', () => {
	it('reads ISO and Vietnamese dd/mm/yyyy', () => {
		expect(parseDate('2025-07-01')).toBe('2025-07-01');
		expect(parseDate('1/7/2025')).toBe('2025-07-01');
		expect(parseDate('30/06/2025')).toBe('2025-06-30');
	});

	it('rejects dates that do not exist', () => {
		expect(parseDate('2025-02-30')).toBeUndefined();
		expect(parseDate('31/04/2025')).toBeUndefined();
		expect(parseDate('yesterday')).toBeUndefined();
	});
});

describe('unitInput', () => {
	it('accepts a commune under a province and normalises blanks to null', () => {
		const unit = unitInput.parse(row({ successorCodes: 'A B|C' }));
		expect(unit).toMatchObject({ parentCode: 'DEMO', validFrom: null, validTo: null });
		expect(unit.successorCodes).toEqual(['A', 'B', 'C']);
	});

	it('names the field and the reason for each problem', () => {
		const result = unitInput.safeParse(
			row({ code: 'bad code!', kind: 'city', validTo: '2025-13-01' })
		);
		expect(result.success).toBe(false);
		const issues = result.error!.issues.map((i) => [i.path[0], i.message]);
		expect(issues).toEqual(
			expect.arrayContaining([
				['code', 'unit.error.codeFormat'],
				['kind', 'unit.error.kind'],
				['validTo', 'unit.error.date']
			])
		);
	});

	it('requires a parent below the province and none for the province', () => {
		expect(unitInput.safeParse(row({ parentCode: '' })).error?.issues[0]?.message).toBe(
			'unit.error.parentRequired'
		);
		expect(
			unitInput.safeParse(row({ kind: 'province', parentCode: 'X' })).error?.issues[0]?.message
		).toBe('unit.error.provinceParent');
	});

	it('rejects an end before the start', () => {
		const result = unitInput.safeParse(row({ validFrom: '2025-07-01', validTo: '2025-06-30' }));
		expect(result.error?.issues[0]?.message).toBe('unit.error.dateOrder');
	});
});

describe('isCurrent', () => {
	it('covers the validity dates inclusively', () => {
		const unit = { validFrom: '2025-07-01', validTo: '2025-12-31' };
		expect(isCurrent(unit, '2025-07-01')).toBe(true);
		expect(isCurrent(unit, '2025-12-31')).toBe(true);
		expect(isCurrent(unit, '2026-01-01')).toBe(false);
		expect(isCurrent({ validFrom: null, validTo: null }, '1990-01-01')).toBe(true);
	});
});

describe('treeRows', () => {
	const unit = (code: string, parentCode: string | null): Unit => ({
		code,
		name: code,
		kind: parentCode ? 'commune' : 'province',
		parentCode,
		validFrom: null,
		validTo: null,
		successorCodes: [],
		predecessorCodes: []
	});

	it('puts children under their parent, indented', () => {
		const rows = treeRows([unit('P', null), unit('B', 'P'), unit('A', 'P'), unit('A1', 'A')]);
		expect(rows.map((r) => `${r.depth}:${r.unit.code}`)).toEqual(['0:P', '1:A', '2:A1', '1:B']);
	});

	it('orders siblings the Vietnamese way', () => {
		const named = (code: string, name: string) => ({ ...unit(code, 'P'), name });
		const rows = treeRows([
			named('1', 'Xã Yên'),
			named('2', 'Đặc khu Cô Tô'),
			named('3', 'Phường Dịch Vọng')
		]);
		expect(rows.map((r) => r.unit.name)).toEqual(['Đặc khu Cô Tô', 'Phường Dịch Vọng', 'Xã Yên']);
	});

	it('starts a branch where the parent is outside the list', () => {
		const rows = treeRows([unit('X', 'HIDDEN'), unit('Y', 'X')]);
		expect(rows.map((r) => `${r.depth}:${r.unit.code}`)).toEqual(['0:X', '1:Y']);
	});
});
