import { translate } from '$lib/i18n';
import { db } from '$lib/server/db';
import { csvDownload } from '$lib/server/http';
import { commentFilter, commentsCsv } from '$lib/server/dashboard/comments';
import { dashboardView } from '$lib/server/dashboard/pages';
import * as audit from '$lib/server/audit/service';
import type { RequestHandler } from './$types';

/** The comments of a view (and search) as CSV. */
export const GET: RequestHandler = async ({ locals, url }) => {
	const { query, unit } = await dashboardView(locals, url);
	const text = (url.searchParams.get('q') ?? '').trim().slice(0, 200);
	const filter = await commentFilter(db(), query, unit, text);
	await audit.record(db(), {
		actorUserId: locals.user?.id ?? null,
		action: 'export.comments',
		target: unit.code,
		details: { instrument: query.instrument, ...query.reading, text }
	});
	const t = (key: Parameters<typeof translate>[1]) => translate(locals.locale, key);
	const header = [
		t('comments.col.date'),
		t('dashboard.col.code'),
		t('dashboard.col.unit'),
		t('dashboard.channel'),
		t('comments.col.comment')
	];
	return csvDownload(`sipas-comments-${unit.code}.csv`, commentsCsv(db(), filter, header));
};
