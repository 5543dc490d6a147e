import { db } from '$lib/server/db';
import { COMMENTS_PAGE, commentFilter } from '$lib/server/dashboard/comments';
import { dashboardView, scopeOptions } from '$lib/server/dashboard/pages';
import * as comments from '$lib/server/dashboard/comments';
import type { PageServerLoad } from './$types';

/** The comments of the view's scope and period, newest first, searchable without accents. */
export const load: PageServerLoad = async ({ locals, url }) => {
	const { query, unit, scope } = await dashboardView(locals, url);
	const text = (url.searchParams.get('q') ?? '').trim().slice(0, 200);
	const asked = Number.parseInt(url.searchParams.get('page') ?? '1', 10);
	const filter = await commentFilter(db(), query, unit, text);
	const total = await comments.count(db(), filter);
	const pages = Math.max(1, Math.ceil(total / COMMENTS_PAGE));
	const page = Number.isFinite(asked) ? Math.min(Math.max(1, asked), pages) : 1;
	const rows = await comments.page(db(), filter, {
		limit: COMMENTS_PAGE,
		offset: (page - 1) * COMMENTS_PAGE
	});
	return {
		query,
		unit,
		options: await scopeOptions(scope),
		text,
		page,
		pages,
		total,
		rows
	};
};
