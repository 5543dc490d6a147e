import { createRawSnippet } from 'svelte';
import { describe, expect, it } from 'vitest';
import { render } from 'vitest-browser-svelte';
import DataTable from './DataTable.svelte';

interface Batch {
	id: string;
	label: string;
}

const row = createRawSnippet((batch: () => Batch) => ({
	render: () => `<tr><td>${batch().label}</td><td><a href="/b/${batch().id}">mở</a></td></tr>`
}));

describe('a data table', () => {
	it('names every column for screen readers and draws one row per item, in order', async () => {
		const items: Batch[] = [
			{ id: '1', label: 'Đợt 1' },
			{ id: '2', label: 'Đợt 2' }
		];
		const screen = await render(DataTable<Batch>, {
			props: { items, columns: ['Tên đợt', { hidden: 'Thao tác' }], key: (b) => b.id, row }
		});
		const headers = screen.getByRole('columnheader');
		expect(headers.elements().map((h) => h.textContent?.trim())).toEqual(['Tên đợt', 'Thao tác']);
		await expect.element(screen.getByText('Thao tác')).toHaveClass('visually-hidden');
		const cells = [...screen.container.querySelectorAll('tbody tr td:first-child')];
		expect(cells.map((c) => c.textContent)).toEqual(['Đợt 1', 'Đợt 2']);
		expect(screen.container.querySelector('.table-wrap > table')).not.toBeNull();
	});
});
