import { db } from '$lib/server/db';
import { dashboardView, viewFigures } from '$lib/server/dashboard/pages';
import { dashboardWorkbook } from '$lib/server/dashboard/workbook';
import * as audit from '$lib/server/audit/service';
import type { RequestHandler } from './$types';

/** The ranking, element and item tables of the view in the address, as an Excel workbook. */
export const GET: RequestHandler = async ({ locals, url }) => {
	const view = await dashboardView(locals, url);
	const { query, unit, instrument } = view;
	const { dashboard: data, publication } = await viewFigures(locals, view);
	await audit.record(db(), {
		actorUserId: locals.user?.id ?? null,
		action: 'export.tables',
		target: unit.code,
		details: {
			instrument: instrument.code,
			...query.reading,
			compare: query.compare?.key ?? null,
			publication: publication?.shown ? publication.id : null
		}
	});
	const name = `sipas-${unit.code}-${query.period.key.replace('..', '_')}.xlsx`;
	return new Response(
		new Uint8Array(dashboardWorkbook(locals.locale, data, publication?.shown ? publication : null)),
		{
			headers: {
				'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
				'content-disposition': `attachment; filename="${name}"`
			}
		}
	);
};
