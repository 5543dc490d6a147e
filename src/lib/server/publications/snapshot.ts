import { locales, type Locale } from '$lib/i18n';
import { blockLabel, summarySentences, viewLabels } from '$lib/i18n/summary';
import { readDashboardQuery } from '$lib/survey/dashboard';
import type { Instrument } from '$lib/survey/instruments';
import { namedPeriod } from '$lib/survey/periods';
import type { SummaryFacts } from '$lib/survey/summary';
import type { Unit } from '$lib/survey/units';
import type { Queryable } from '../db';
import { unitIndices } from '../dashboard/aggregates';
import {
	indicesReply,
	rankingsReply,
	type IndicesReply,
	type RankingsReply
} from '../dashboard/replies';
import {
	loadDashboard,
	summaryOf,
	type DashboardData,
	type ElementRow
} from '../dashboard/service';

/**
 * What a publication freezes: everything the dashboard, its exports and the API showed for
 * the scope and period at the moment of publishing, computed once by the same code that
 * computes the live figures and stored as it was. Nothing here is ever recomputed: a late
 * answer, a correction or a void moves the live figures and leaves these alone.
 */
export interface Snapshot {
	unit: { code: string; name: string };
	instrument: { code: string; version: number };
	from: string;
	to: string;
	compare: { from: string; to: string } | null;
	flagged: 'include' | 'exclude';
	/** The unit's indices, as `/api/indices` answers. */
	index: IndicesReply;
	/** Each block of units below it, ranked, as `/api/rankings` answers. */
	rankings: RankingsReply[];
	/** The element table: each element's index against the compare period. */
	elements: ElementRow[];
	/** The summary as published, per block kind, in each language. */
	summary: Record<Locale, Record<string, string[]>>;
	/** The dashboard of each block kind (`''` for a unit with none below it). */
	views: Record<string, DashboardData>;
	/** The summary's facts in each language, per block kind (element titles differ). */
	facts: Record<Locale, Record<string, SummaryFacts | null>>;
}

export interface SnapshotScope {
	unit: Unit;
	instrument: Instrument;
	from: string;
	to: string;
	clean: boolean;
}

/** The dashboard address a publication's figures are those of. */
export function publishedQuery(scope: Omit<SnapshotScope, 'instrument'> & { instrument: string }) {
	const search = new URLSearchParams({
		unit: scope.unit.code,
		instrument: scope.instrument,
		period: 'custom',
		from: scope.from,
		to: scope.to,
		...(scope.clean ? { flagged: 'exclude' } : {})
	});
	const read = readDashboardQuery(search, { home: scope.unit.code, today: scope.to });
	if (!read.ok) throw new Error(`not a view: ${search}`);
	return read.query;
}

export async function buildSnapshot(q: Queryable, scope: SnapshotScope): Promise<Snapshot> {
	const { unit, instrument, from, to, clean } = scope;
	const query = publishedQuery({ ...scope, instrument: instrument.code });
	const first = await loadDashboard(q, query, unit, instrument, 'vi');
	const views: Record<string, DashboardData> = { [first.block?.kind ?? '']: first };
	for (const kind of first.blocks.slice(1))
		views[kind] = await loadDashboard(q, { ...query, block: kind }, unit, instrument, 'vi');

	const period = namedPeriod(from, to)!;
	const compare = query.compare;
	const read = { instrument: instrument.code, from, to, clean };
	const summary = {} as Snapshot['summary'];
	const facts = {} as Snapshot['facts'];
	for (const locale of locales) {
		summary[locale] = {};
		facts[locale] = {};
		for (const [kind, view] of Object.entries(views)) {
			const stated = summaryOf(view, locale);
			facts[locale][kind] = stated;
			summary[locale][kind] =
				stated && view.block
					? summarySentences(locale, stated, {
							...viewLabels(locale, { ...query, period }),
							block: blockLabel(locale, view.block.kind)
						})
					: [];
		}
	}
	// The unit's own figures by the code `/api/indices` answers with.
	const own = await unitIndices(q, { unit: unit.code, instrument, period: { from, to }, clean });
	return {
		unit: { code: unit.code, name: unit.name },
		instrument: { code: instrument.code, version: instrument.version },
		from,
		to,
		compare: compare ? { from: compare.from, to: compare.to } : null,
		flagged: clean ? 'exclude' : 'include',
		index: indicesReply({ ...read, unit: unit.code }, own),
		rankings: Object.values(views).flatMap((view) =>
			view.block
				? [
						rankingsReply(
							{ ...read, parent: unit.code, kind: view.block.kind, compare: compare ?? null },
							view.block.ranking
						)
					]
				: []
		),
		elements: first.elements,
		summary,
		views,
		facts
	};
}
