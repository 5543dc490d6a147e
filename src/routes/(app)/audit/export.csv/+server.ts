import { error } from '@sveltejs/kit';
import { translate } from '$lib/i18n';
import { scopeFor } from '$lib/server/auth/guard';
import { db } from '$lib/server/db';
import { csvDownload } from '$lib/server/http';
import * as audit from '$lib/server/audit/service';
import { auditOf, auditQuery } from '$lib/server/audit/scoped';
import { csvLine, vietnamTimestamp } from '$lib/survey/interchange';
import type { RequestHandler } from './$types';

/** The scoped audit log as CSV (UTF-8 with BOM for Excel), with the page's filter. */
export const GET: RequestHandler = async ({ locals, url }) => {
	const parsed = auditQuery.safeParse(Object.fromEntries(url.searchParams));
	if (!parsed.success) error(400, translate(locals.locale, 'api.error.invalid'));
	const { rows } = await auditOf(db(), await scopeFor(locals), parsed.data, 100_000);
	await audit.record(db(), {
		actorUserId: locals.user?.id ?? null,
		action: 'export.audit',
		details: { ...parsed.data, rows: rows.length }
	});
	const lines = [
		csvLine(['id', 'at', 'actor', 'unit', 'action', 'target', 'details']),
		...rows.map((row) =>
			csvLine([
				row.id,
				vietnamTimestamp(row.at),
				row.actorName,
				row.unit,
				row.action,
				row.target,
				JSON.stringify(row.details)
			])
		)
	];
	return csvDownload('sipas-audit.csv', lines);
};
