import { translate } from '$lib/i18n';
import { roundHalfUp } from '$lib/survey/indices';
import { csvLine } from '$lib/survey/interchange';
import { firstPriority } from '$lib/survey/perception';
import { db } from '$lib/server/db';
import { csvDownload, failurePage } from '$lib/server/http';
import { failure } from '$lib/server/outcome';
import { breakdownOf, BREAKDOWN_LIMIT } from '$lib/server/dashboard/breakdown';
import { dashboardView } from '$lib/server/dashboard/pages';
import * as audit from '$lib/server/audit/service';
import type { RequestHandler } from './$types';

/** The breakdown by respondent of a view as CSV: one row per group, as the page shows it. */
export const GET: RequestHandler = async ({ locals, url }) => {
	const view = await dashboardView(locals, url);
	const breakdown = await breakdownOf(db(), view, url.searchParams.get('by'));
	const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) =>
		translate(locals.locale, key, params);
	if (breakdown.tooMany)
		failurePage(
			locals.locale,
			failure('tooManyAnswers', { params: { n: breakdown.respondents, limit: BREAKDOWN_LIMIT } })
		);
	await audit.record(db(), {
		actorUserId: locals.user?.id ?? null,
		action: 'export.respondents',
		target: view.unit.code,
		details: { instrument: view.query.instrument, ...view.query.reading, by: breakdown.by }
	});
	const figure = (v: number | null | undefined) =>
		v === null || v === undefined ? null : roundHalfUp(v, 2);
	const lines = breakdown.rows.map((row) =>
		csvLine([
			row.text?.[locals.locale] ?? t('respondents.blank'),
			row.respondents,
			figure(row.share),
			figure(row.index),
			figure(row.perception.notTroubled?.share),
			figure(row.perception.noMoney?.share),
			figure(row.perception.trips?.mean),
			firstPriority(row.perception)?.text[locals.locale] ?? null
		])
	);
	const header = csvLine([
		t('respondents.group'),
		t('respondents.count'),
		t('respondents.share'),
		'SIPAS',
		t('perception.notTroubled'),
		t('perception.noMoney'),
		t('perception.trips'),
		t('respondents.first')
	]);
	return csvDownload(`sipas-respondents-${view.unit.code}-${breakdown.by}.csv`, [header, ...lines]);
};
