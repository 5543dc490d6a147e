import { describe, expect, it } from 'vitest';
import { roundHalfUp } from '../src/lib/survey/indices';
import { axe, signIn } from './support/browser';
import { readDocx } from './support/docx';
import { Client } from './support/http';
import { lastYear, rankingsQuery, useDashboardServer, year } from './support/dashboard';

/**
 * What a province announces (issue 17): the reform's units compared as the official method
 * does, and the announcement as a Word file, read back and checked against /api/rankings.
 */

const dashboard = useDashboardServer();

describe('the announcement', () => {
	it('compares the communes formed in the 2025 reform with the old communes they merged', async () => {
		await signIn(dashboard.page, dashboard.server.url, 'manager', 'demo-manager');
		const view = `unit=DEMO&period=${year}&compare=${lastYear}&block=commune`;
		await dashboard.page.goto(`${dashboard.server.url}/dashboard?${view}`, {
			waitUntil: 'networkidle'
		});
		const ranking = dashboard.page.getByRole('table').filter({ hasText: 'Thay đổi hạng' });
		const notes = await ranking.locator('tbody tr td:last-child').allTextContents();
		expect(notes).toHaveLength(40);
		expect(notes.every((note) => note.includes('So với các đơn vị trước sắp xếp'))).toBe(true);
		expect(await dashboard.page.getByTestId('summary').textContent()).toContain(
			'40 đơn vị hình thành sau sắp xếp được so với'
		);
		// The year of the reform ranks the old communes (to 30/06) beside the new ones.
		await dashboard.page.goto(
			`${dashboard.server.url}/dashboard?unit=DEMO&period=2025&compare=none&block=commune`,
			{
				waitUntil: 'networkidle'
			}
		);
		expect(await dashboard.page.getByText('Hoạt động 6/12 tháng của kỳ').count()).toBe(120);
		expect(await axe(dashboard.page)).toEqual([]);
	});

	it('writes the announcement as a Word file whose annex tables are /api/rankings', async () => {
		const api = new Client(dashboard.server.url);
		await api.signIn('manager', 'demo-manager');
		const docx = async (view: string) => {
			const response = await api.request(`/dashboard/announcement.docx?${view}`);
			expect(response.status).toBe(200);
			expect(response.headers.get('content-type')).toContain('wordprocessingml');
			return readDocx(new Uint8Array(await response.arrayBuffer()));
		};
		const live = await docx(`unit=DEMO&period=${year}&compare=${lastYear}`);
		for (const part of [
			'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
			'Độc lập - Tự do - Hạnh phúc',
			'THÔNG BÁO',
			'Nơi nhận:',
			'Số liệu chưa công bố'
		])
			expect(live.text).toContain(part);
		expect(live.text).toMatch(/Số: +\/TB-SNV/);
		const annexes = live.tables.filter((table) => table[0]?.[0] === 'STT');
		expect(annexes).toHaveLength(2);
		const number = (v: number | null) =>
			v === null ? '—' : roundHalfUp(v).toFixed(2).replace('.', ',');
		for (const [k, kind] of ['department', 'commune'].entries()) {
			const expected = (await (
				await api.request(`/api/rankings?${rankingsQuery(kind)}`)
			).json()) as {
				rows: {
					unit: { name: string };
					index: number | null;
					rank: number | null;
					previousIndex: number | null;
					previousRank: number | null;
				}[];
			};
			const [head, ...rows] = annexes[k]!;
			expect(head).toHaveLength(2 + 5 + 5);
			expect(rows.map((r) => [r[1], r[7], r[8], r[9], r[10]])).toEqual(
				expected.rows.map((r) => [
					r.unit.name,
					number(r.index),
					r.rank === null ? '—' : String(r.rank),
					number(r.previousIndex),
					r.previousRank === null ? '—' : String(r.previousRank)
				])
			);
			// The five elements of each unit, as published values.
			expect(rows.every((r) => r.slice(2, 7).every((v) => /^\d+,\d\d$|^—$/.test(v!)))).toBe(true);
		}
		// Once last year is published, its announcement is the publication's, by reference.
		const admin = new Client(dashboard.server.url);
		await admin.signIn('manager', 'demo-manager');
		const publication = await admin.json('/api/publications', {
			unit: 'DEMO',
			instrument: 'sipas-service-2023',
			from: `${lastYear}-01-01`,
			to: `${lastYear}-12-31`,
			reference: 'Quyết định số 7/QĐ-UBND'
		});
		expect(publication.status).toBe(201);
		const published = await docx(`unit=DEMO&period=${lastYear}`);
		expect(published.text).toContain('Quyết định số 7/QĐ-UBND');
		expect(published.text).not.toContain('chưa công bố');
	});
});
