import { formatDateTime, translate, type Locale, type MessageKey } from '$lib/i18n';
import { REFORM_POINTS, roundHalfUp } from '$lib/survey/indices';
import { writeSheets, type Sheet } from '../interchange/xlsx';
import type { Perception } from '$lib/survey/perception';
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
	if (data.perception) sheets.push(perceptionSheet(locale, data));
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

/**
 * The perception indicators: the unit's own (each figure, then the submission channels and the
 * priorities, in percent rounded half-up to 2 decimals), then one row per unit of the block.
 */
function perceptionSheet(locale: Locale, data: DashboardData): Sheet {
	const t = (key: MessageKey) => translate(locale, key);
	const round = (v: number | null | undefined) =>
		v === null || v === undefined ? null : roundHalfUp(v);
	const p = data.perception;
	const options = (key: MessageKey, list: Perception['submission']) =>
		list ? [[t(key)], ...list.map((o) => [o.text[locale], round(o.share)])] : [];
	return {
		name: t('xlsx.perception'),
		rows: [
			[t('perception.notTroubled'), round(p.notTroubled?.share)],
			[t('perception.noMoney'), round(p.noMoney?.share)],
			[t('perception.trips'), round(p.trips?.mean)],
			...options('perception.submission', p.submission),
			...options('perception.priorities', p.priorities),
			[],
			[
				t('dashboard.col.code'),
				t('dashboard.col.unit'),
				t('perception.notTroubled'),
				t('perception.noMoney'),
				t('perception.trips'),
				t('dashboard.col.respondents')
			],
			...(data.block?.heatmap ?? []).map((row) => [
				row.code,
				row.name,
				round(row.perception?.notTroubled?.share),
				round(row.perception?.noMoney?.share),
				round(row.perception?.trips?.mean),
				row.perception?.respondents ?? 0
			])
		]
	};
}
