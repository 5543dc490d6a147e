import { describe, expect, it, vi } from 'vitest';
import { render } from 'vitest-browser-svelte';
import UnitStatus from './UnitStatus.svelte';

vi.mock('$app/state', () => ({ page: { data: { locale: 'vi' } } }));

describe("a unit's status badge", () => {
	it('says active, ended, or ended in a reorganisation when the unit has successors', async () => {
		const badge = async (unit: { validTo: string | null; successorCodes?: string[] }) =>
			(await render(UnitStatus, { props: { unit } })).container.textContent?.trim();
		expect(await badge({ validTo: null })).toBe('Đang hoạt động');
		expect(await badge({ validTo: '2099-12-31' })).toBe('Đang hoạt động');
		expect(await badge({ validTo: '2025-06-30', successorCodes: [] })).toBe(
			'Đã kết thúc hoạt động'
		);
		expect(await badge({ validTo: '2025-06-30', successorCodes: ['HP.X01'] })).toBe(
			'Đã kết thúc hoạt động (sắp xếp)'
		);
	});
});
