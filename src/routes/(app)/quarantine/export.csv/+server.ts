import { scopeFor } from '$lib/server/auth/guard';
import { db } from '$lib/server/db';
import { csvDownload } from '$lib/server/http';
import * as quarantine from '$lib/server/responses/quarantine';
import { csvLine, vietnamTimestamp } from '$lib/survey/interchange';
import type { RequestHandler } from './$types';

/** The unit's quarantine as CSV (UTF-8 with BOM for Excel): one line per refused submission. */
export const GET: RequestHandler = async ({ locals, url }) => {
	const scope = await scopeFor(locals);
	const rows = await quarantine.list(db(), scope.all ? null : [...scope.codes], {
		open: url.searchParams.get('all') !== '1',
		limit: 100_000
	});
	const lines = [
		csvLine([
			'quarantine_id',
			'received_at',
			'unit',
			'sender',
			'response_id',
			'status',
			'reasons',
			'resolution',
			'resolution_reason',
			'payload'
		]),
		...rows.map((row) =>
			csvLine([
				row.id,
				vietnamTimestamp(row.receivedAt),
				row.unitCode,
				row.sender,
				row.responseId,
				row.status,
				row.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
				row.resolution,
				row.resolutionReason,
				JSON.stringify(row.payload)
			])
		)
	];
	return csvDownload('quarantine.csv', lines);
};
