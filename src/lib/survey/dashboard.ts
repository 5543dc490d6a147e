import { z } from 'zod';
import type { MessageKey } from '$lib/i18n';
import type { Localized } from './instruments';
import { parsePeriod, periodContaining, yearBefore, type NamedPeriod } from './periods';
import { channels, type Channel } from './responses';
import { unitKinds, type UnitKind } from './units';

/**
 * What a dashboard view shows, as its address says: `?unit=DEMO&period=2025&compare=2024`.
 * Every dashboard page and export reads the same parameters, so a view can be bookmarked,
 * shared, printed and exported alike.
 */
export interface DashboardQuery {
	unit: string;
	instrument: string;
	/** As chosen: `to` may lie after today (the current year). */
	period: NamedPeriod;
	/** What is read: the period cut at today. */
	reading: { from: string; to: string };
	/** Null when the view compares with nothing (`compare=none`). */
	compare: NamedPeriod | null;
	/** The compare period was not chosen: the same stretch a year before. */
	compareDefault: boolean;
	channel?: Channel;
	field?: string;
	block?: UnitKind;
	/** Answers with a data-quality flag left out (`flagged=exclude`); counted by default. */
	clean: boolean;
	/** The live figures even where the period's figures were published (`live=1`). */
	live: boolean;
}

/** What the scope bar offers: the caller's units, questionnaires, periods and service fields. */
export interface ScopeOptions {
	units: { code: string; name: string; kind: UnitKind }[];
	instruments: { code: string; title: Localized }[];
	periods: { year: string; periods: NamedPeriod[] }[];
	fields: string[];
}

export const DEFAULT_INSTRUMENT = 'sipas-service-2023';

const text = (max: number) =>
	z
		.string()
		.trim()
		.max(max)
		.transform((v) => v || undefined)
		.optional();

const params = z.object({
	unit: text(32),
	instrument: text(64),
	period: text(40),
	from: text(10),
	to: text(10),
	compare: text(40),
	compareFrom: text(10),
	compareTo: text(10),
	channel: z.union([z.enum(channels), z.literal('').transform(() => undefined)]).optional(),
	field: text(200),
	block: z.union([z.enum(unitKinds), z.literal('').transform(() => undefined)]).optional(),
	flagged: z.enum(['include', 'exclude', '']).optional(),
	live: z.enum(['1', '0', '']).optional()
});

export type QueryResult =
	| { ok: true; query: DashboardQuery }
	| { ok: false; key: MessageKey; params?: Record<string, string> };

const periodOf = (key: string | undefined, from?: string, to?: string) =>
	key === 'custom' ? (from && to ? parsePeriod(`${from}..${to}`) : null) : parsePeriod(key ?? '');

/** Reads a dashboard address; `home` is the caller's own unit, `today` a Vietnam day. */
export function readDashboardQuery(
	search: URLSearchParams,
	defaults: { home: string; today: string }
): QueryResult {
	const parsed = params.safeParse(Object.fromEntries(search));
	if (!parsed.success) {
		const field = String(parsed.error.issues[0]?.path[0] ?? '');
		return { ok: false, key: 'dashboard.error.param', params: { field } };
	}
	const p = parsed.data;
	const period = p.period
		? periodOf(p.period, p.from, p.to)
		: parsePeriod(periodContaining('year', defaults.today));
	if (!period) return { ok: false, key: 'dashboard.error.period', params: { field: 'period' } };
	if (period.from > defaults.today)
		return { ok: false, key: 'dashboard.error.future', params: { field: 'period' } };
	const reading = {
		from: period.from,
		to: period.to < defaults.today ? period.to : defaults.today
	};

	let compare: NamedPeriod | null;
	if (p.compare === 'none') compare = null;
	else if (p.compare) {
		compare = periodOf(p.compare, p.compareFrom, p.compareTo);
		if (!compare) return { ok: false, key: 'dashboard.error.period', params: { field: 'compare' } };
	} else {
		// The same stretch a year before: this year so far against last year to the same day.
		const cut =
			reading.to === period.to ? period : { ...period, kind: 'custom' as const, ...reading };
		compare = yearBefore(cut);
	}
	return {
		ok: true,
		query: {
			unit: p.unit ?? defaults.home,
			instrument: p.instrument ?? DEFAULT_INSTRUMENT,
			period,
			reading,
			compare,
			compareDefault: !p.compare,
			channel: p.channel,
			field: p.field,
			block: p.block,
			clean: p.flagged === 'exclude',
			live: p.live === '1'
		}
	};
}

/** The address parameters of a view, for links (drill-down, exports, sub-pages). */
export function queryParams(query: DashboardQuery, change: Partial<Record<string, string>> = {}) {
	const out = new URLSearchParams();
	const set = (key: string, value: string | undefined) => value && out.set(key, value);
	set('unit', query.unit);
	set('instrument', query.instrument);
	if (query.period.kind === 'custom') {
		set('period', 'custom');
		set('from', query.period.from);
		set('to', query.period.to);
	} else set('period', query.period.key);
	if (!query.compareDefault) set('compare', query.compare ? query.compare.key : 'none');
	set('channel', query.channel);
	set('field', query.field);
	set('block', query.block);
	set('flagged', query.clean ? 'exclude' : undefined);
	set('live', query.live ? '1' : undefined);
	for (const [key, value] of Object.entries(change)) {
		if (value) out.set(key, value);
		else out.delete(key);
	}
	return out;
}
