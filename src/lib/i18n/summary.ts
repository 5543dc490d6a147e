import { roundHalfUp } from '$lib/survey/indices';
import type { DashboardQuery } from '$lib/survey/dashboard';
import { namedPeriod, type NamedPeriod } from '$lib/survey/periods';
import type { Climb, SummaryFacts } from '$lib/survey/summary';
import type { UnitKind } from '$lib/survey/units';
import { formatDay, formatNumber, formatPercent, translate, type Locale } from './index';

/**
 * The generated announcement: the summary facts as sentences in the style of the published
 * reports, in Vietnamese or English. Every figure is rounded half-up only here, for display.
 */

/** `84,64 %` from an unrounded index. */
export const indexText = (locale: Locale, value: number) =>
	formatPercent(locale, roundHalfUp(value));

/** `2,73` index points (unsigned). */
export const pointsText = (locale: Locale, value: number) =>
	formatNumber(locale, roundHalfUp(Math.abs(value)), 2);

/** `▲ 2,73`, `▼ 1,20`, `0,00`: a change in points for tables. */
export function changeText(locale: Locale, value: number | null): string {
	if (value === null) return '—';
	const rounded = roundHalfUp(value);
	const arrow = rounded > 0 ? '▲ ' : rounded < 0 ? '▼ ' : '';
	return arrow + pointsText(locale, value);
}

/** `▲10: 13 → 3`: places gained or lost, and from where to where. */
export function rankChangeText(
	change: number | null,
	previous: number | null,
	current: number | null
): string {
	if (change === null) return '—';
	const arrow = change > 0 ? `▲${change}` : change < 0 ? `▼${-change}` : '=';
	return `${arrow}: ${previous} → ${current}`;
}

const roman = ['I', 'II', 'III', 'IV'];

/** "năm 2025", "quý III/2025", "tháng 7/2025", "từ 06/01/2025 đến 30/06/2025". */
export function periodLabel(locale: Locale, period: NamedPeriod): string {
	const year = period.from.slice(0, 4);
	const month = +period.from.slice(5, 7);
	switch (period.kind) {
		case 'year':
			return translate(locale, 'period.year', { year });
		case 'quarter': {
			const q = (month + 2) / 3;
			return translate(locale, 'period.quarter', { year, q: locale === 'vi' ? roman[q - 1]! : q });
		}
		case 'month':
			return translate(locale, 'period.month', { year, month });
		case 'custom':
			return translate(locale, 'period.custom', {
				from: formatDay(period.from),
				to: formatDay(period.to)
			});
	}
}

/**
 * The period as read: a year (quarter, month) still running says how far it goes, "năm 2026
 * (đến ngày 01/12)", as the announcements of a year in progress do.
 */
export function readingLabel(locale: Locale, period: NamedPeriod, readTo: string): string {
	const label = periodLabel(locale, period);
	if (readTo >= period.to) return label;
	return translate(locale, 'period.running', { period: label, day: formatDay(readTo).slice(0, 5) });
}

/**
 * What a period is compared with: the default, the same stretch a year before, is "cùng kỳ
 * năm 2025" (a whole year against the year before is simply "năm 2025"); a chosen one by
 * its own name.
 */
export function compareLabel(locale: Locale, compare: NamedPeriod, sameStretch: boolean): string {
	const named = namedPeriod(compare.from, compare.to) ?? compare;
	if (!sameStretch || named.kind === 'year') return periodLabel(locale, named);
	return translate(locale, 'period.sameTime', { year: compare.from.slice(0, 4) });
}

/** The period and compare labels of a dashboard view, for its headings and its summary. */
export function viewLabels(
	locale: Locale,
	query: Pick<DashboardQuery, 'period' | 'reading' | 'compare' | 'compareDefault'>
): { period: string; compare: string } {
	return {
		period: readingLabel(locale, query.period, query.reading.to),
		compare: query.compare ? compareLabel(locale, query.compare, query.compareDefault) : ''
	};
}

/** "khối sở", "the department block". */
export const blockLabel = (locale: Locale, kind: UnitKind) => translate(locale, `block.${kind}`);

export interface SummaryLabels {
	block: string;
	period: string;
	compare: string;
}

/** The summary paragraph, one sentence per entry. */
export function summarySentences(
	locale: Locale,
	facts: SummaryFacts,
	labels: SummaryLabels
): string[] {
	const t = (key: Parameters<typeof translate>[1], params: Record<string, string | number> = {}) =>
		translate(locale, key, { ...labels, ...params });
	const pct = (value: number) => indexText(locale, value);
	const pts = (value: number) => pointsText(locale, value);
	if (facts.average === null) return [t('summary.noData')];

	const change =
		facts.averageChange === null
			? ''
			: roundHalfUp(facts.averageChange) === 0
				? t('summary.change.same')
				: t(facts.averageChange > 0 ? 'summary.change.up' : 'summary.change.down', {
						points: pts(facts.averageChange)
					});
	const improved = !facts.comparable
		? ''
		: facts.improved
			? t('summary.improved', { improved: facts.improved, comparable: facts.comparable })
			: t('summary.improved.none');
	const out = [t('summary.average', { value: pct(facts.average), change, improved })];
	const { predecessors, fresh } = facts.reformed;
	if (predecessors) out.push(t('summary.reformed', { n: predecessors }));
	if (fresh) out.push(t('summary.reformedNew', { n: fresh }));
	if (facts.respondents) {
		out.push(t('summary.respondents', { n: formatNumber(locale, facts.respondents) }));
	}

	const [top] = facts.top;
	if (top && facts.bottom && facts.gap !== null) {
		const previousGap =
			facts.previousGap === null ? '' : t('summary.previousGap', { gap: pts(facts.previousGap) });
		out.push(
			t('summary.topBottom', {
				top: top.name,
				topValue: pct(top.index),
				bottom: facts.bottom.name,
				bottomValue: pct(facts.bottom.index),
				gap: pts(facts.gap),
				previousGap
			})
		);
	} else if (top) out.push(t('summary.onlyOne', { top: top.name, topValue: pct(top.index) }));

	if (top && facts.leaderStreak > 1) {
		out.push(t('summary.streak', { top: top.name, n: ordinal(locale, facts.leaderStreak) }));
	}
	if (facts.top.length > 1) {
		const list = facts.top.map((u) => `${u.name} (${pct(u.index)})`).join(', ');
		out.push(t('summary.topThree', { list }));
	}
	if (facts.mostImproved) {
		const climb = facts.mostImproved;
		out.push(
			t('summary.mostImproved', {
				name: climb.name,
				points: pts(climb.points!),
				climb: places(climb) > 0 ? t('summary.climb', climbParams(climb)) : ''
			})
		);
	}
	if (facts.biggestClimb) out.push(t('summary.biggestClimb', climbParams(facts.biggestClimb)));

	const share = roundHalfUp((100 * facts.above90) / facts.withData);
	const above90 = facts.above90
		? t('summary.above90', {
				count: facts.above90,
				total: facts.withData,
				share: formatPercent(locale, share, Number.isInteger(share) ? 0 : 2)
			})
		: t('summary.above90.none');
	const above95 = facts.above95
		? t('summary.above95', { count: facts.above95, names: facts.above95Names.join(', ') })
		: t('summary.above95.none');
	out.push(t('summary.distribution', { above90, above95 }));

	const list = (items: { title: string; points: number }[]) =>
		items.map((e) => t('summary.element', { title: e.title, points: pts(e.points) })).join(', ');
	const parts = [
		facts.rose.length ? t('summary.rose', { list: list(facts.rose) }) : '',
		facts.fell.length ? t('summary.fell', { list: list(facts.fell) }) : ''
	].filter(Boolean);
	if (parts.length) out.push(t('summary.elements', { parts: parts.join('; ') }));
	return out;
}

/**
 * Where a unit stands among its peers, for its own dashboard: "Sở Y tế xếp thứ 5/22 khối sở,
 * ban, ngành, kém đơn vị dẫn đầu 3,20 điểm." (the leader's name is not said: it lies outside
 * the unit's scope).
 */
export function standingText(
	locale: Locale,
	name: string,
	standing: { kind: UnitKind; rank: number; of: number; behind: number }
): string {
	const params = { name, rank: standing.rank, of: standing.of };
	const block = blockLabel(locale, standing.kind);
	if (standing.rank === 1) return translate(locale, 'summary.standing.leads', { ...params, block });
	const points = pointsText(locale, standing.behind);
	return translate(locale, 'summary.standing', { ...params, block, points });
}

/** "3" in Vietnamese ("lần thứ 3"), "3rd" in English. */
function ordinal(locale: Locale, n: number): string {
	if (locale === 'vi') return String(n);
	const suffix = n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
	return `${n}${suffix}`;
}

const places = (c: Climb) => (c.from === null || c.to === null ? 0 : c.from - c.to);
const climbParams = (c: Climb) => ({
	name: c.name,
	places: places(c),
	from: c.from ?? '',
	to: c.to ?? ''
});
