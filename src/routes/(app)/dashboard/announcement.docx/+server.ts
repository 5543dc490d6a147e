import { db } from '$lib/server/db';
import { announcementDocx } from '$lib/server/dashboard/announcement';
import { dashboardView, viewFigures } from '$lib/server/dashboard/pages';
import * as audit from '$lib/server/audit/service';
import { blockLabel, summarySentences, viewLabels } from '$lib/i18n/summary';
import type { RequestHandler } from './$types';

/**
 * The announcement of the view in the address as a Word file: every block of the unit, each
 * with its summary and its annex table, from the published figures where the scope and period
 * were published, else the live ones marked "chưa công bố".
 */
export const GET: RequestHandler = async ({ locals, url }) => {
	const view = await dashboardView(locals, url);
	const { query, unit, instrument } = view;
	const { locale } = locals;
	const first = await viewFigures(locals, view);
	const figures = await Promise.all(
		first.dashboard.blocks.map((block) =>
			block === first.dashboard.block?.kind
				? first
				: viewFigures(locals, { ...view, query: { ...query, block } })
		)
	);
	const labels = viewLabels(locale, query);
	const blocks = figures.flatMap(({ dashboard }) =>
		dashboard.block
			? [
					{
						kind: dashboard.block.kind,
						data: dashboard,
						summary: dashboard.summary
							? summarySentences(locale, dashboard.summary, {
									...labels,
									block: blockLabel(locale, dashboard.block.kind)
								})
							: []
					}
				]
			: []
	);
	const published = first.publication?.shown ? first.publication : null;
	await audit.record(db(), {
		actorUserId: locals.user?.id ?? null,
		action: 'export.announcement',
		target: unit.code,
		details: {
			instrument: instrument.code,
			...query.reading,
			compare: query.compare?.key ?? null,
			publication: published?.id ?? null
		}
	});
	const file = await announcementDocx({
		locale,
		unit,
		labels,
		blocks,
		published,
		readAt: new Date()
	});
	const name = `thong-bao-sipas-${unit.code}-${query.period.key.replace('..', '_')}.docx`;
	return new Response(new Uint8Array(file), {
		headers: {
			'content-type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
			'content-disposition': `attachment; filename="${name}"`
		}
	});
};
