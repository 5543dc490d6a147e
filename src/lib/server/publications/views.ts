import type { Locale } from '$lib/i18n';
import type { DashboardQuery } from '$lib/survey/dashboard';
import type { Queryable } from '../db';
import type { DashboardData } from '../dashboard/service';
import * as publications from './publications.repository';
import { changesSince, type Changes } from './service';

/** What a dashboard view shows of a publication of its scope and period. */
export interface PublishedState {
	publication: publications.Publication;
	/** What moved in the scope since (late answers, corrections). */
	since: Changes;
	/** The frozen dashboard, when the view shows the published figures; null when it is live. */
	dashboard: DashboardData | null;
}

/**
 * The publication in force for a dashboard view, and its frozen figures when the view is the
 * published one: the same unit, questionnaire and period, all channels and fields, the default
 * comparison, the same treatment of flagged answers, and no `live=1` in the address.
 */
export async function publishedState(
	q: Queryable,
	query: DashboardQuery,
	locale: Locale
): Promise<PublishedState | null> {
	if (query.channel || query.field || !query.compareDefault) return null;
	const publication = await publications.current(q, {
		unit: query.unit,
		instrument: query.instrument,
		...query.reading
	});
	if (!publication) return null;
	const since = await changesSince(q, publication);
	if (query.live || publication.clean !== query.clean)
		return { publication, since, dashboard: null };
	const snapshot = (await publications.snapshot(q, publication.id))!;
	const kinds = Object.keys(snapshot.views);
	const kind = query.block && kinds.includes(query.block) ? query.block : kinds[0]!;
	const view = snapshot.views[kind]!;
	return {
		publication,
		since,
		dashboard: { ...view, summary: snapshot.facts[locale][kind] ?? null }
	};
}
