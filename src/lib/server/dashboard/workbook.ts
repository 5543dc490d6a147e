import { formatDateTime, translate, type Locale, type MessageKey } from '$lib/i18n';
import { REFORM_POINTS, roundHalfUp } from '$lib/survey/indices';
import { writeSheets, type Sheet } from '../interchange/xlsx';
import type { DashboardData } from './service';

/**
 * The dashboard's tables as an Excel workbook: the ranking (first sheet), the elements and the
 * items. Indices are rounded half-up to 2 decimals as everywhere people read them; changes
 * come from the unrounded values, ranks and reform points from the published ones.
 */
export function dashboardWorkbook(
	locale: Locale,
	data: DashboardData,
	/** The publication whose figures these are, named on a last sheet; none for live figures. */
	published?: { reference: string; publishedAt: string; publishedBy: { name: string } } | null
): Buffer {
	const t = (key: MessageKey, params?: Record<string, number>) => translate(locale, key, params);
	const round = (v: number | null) => (v === null ? null : roundHalfUp(v));
	const sheets: Sheet[] = [];
	const ranking = data.block?.ranking.rows ?? [];
	sheets.push({
		name: t('xlsx.ranking'),
		rows: [
			[
				t('dashboard.col.rank'),
				t('dashboard.col.code'),
				t('dashboard.col.unit'),
				t('dashboard.col.index'),
				t('dashboard.col.points', { max: data.block?.ranking.pointsMax ?? REFORM_POINTS }),
				t('dashboard.col.respondents'),
				t('dashboard.previous'),
				t('dashboard.col.change'),
				t('dashboard.col.previousRank'),
				t('dashboard.col.rankChange'),
				t('dashboard.col.note')
			],
			...ranking.map((r) => [
				r.rank,
				r.unit.code,
				r.unit.name,
				round(r.index),
				round(r.points),
				r.n,
				round(r.previousIndex),
				round(r.change),
				r.previousRank,
				r.rankChange,
				r.small ? t('dashboard.col.small') : ''
			])
		]
	});
	sheets.push({
		name: t('xlsx.elements'),
		rows: [
			[
				t('dashboard.col.code'),
				t('dashboard.col.element'),
				t('dashboard.col.index'),
				t('dashboard.col.answers'),
				t('dashboard.previous'),
				t('dashboard.col.change')
			],
			...data.elements.map((e) => [
				e.code,
				e.title[locale],
				round(e.index),
				e.n,
				round(e.previousIndex),
				round(e.change)
			])
		]
	});
	sheets.push({
		name: t('xlsx.items'),
		rows: [
			[
				t('dashboard.col.code'),
				t('dashboard.col.item'),
				t('dashboard.col.index'),
				t('dashboard.col.answers'),
				t('dashboard.col.ciLow'),
				t('dashboard.col.ciHigh'),
				t('dashboard.previous'),
				...[1, 2, 3, 4, 5].map((l) => t(`dashboard.level.${l}` as MessageKey)),
				t('dashboard.col.na')
			],
			...data.items.map((i) => [
				i.code,
				i.text[locale],
				round(i.index),
				i.n,
				round(i.ci?.[0] ?? null),
				round(i.ci?.[1] ?? null),
				round(i.previousIndex),
				...[0, 1, 2, 3, 4].map((l) => i.levels[l] ?? null),
				i.na
			])
		]
	});
	if (published)
		sheets.push({
			name: t('xlsx.publication'),
			rows: [
				[t('publication.col.reference'), published.reference],
				[t('publication.col.at'), formatDateTime(locale, published.publishedAt)],
				[t('publication.col.by'), published.publishedBy.name]
			]
		});
	return writeSheets(sheets);
}
