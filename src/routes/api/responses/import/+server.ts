import { json } from '@sveltejs/kit';
import { actorOf } from '$lib/server/auth/guard';
import { batchFor } from '$lib/server/batches/service';
import { db } from '$lib/server/db';
import { apiError, failureResponse } from '$lib/server/http';
import { importCsv, importWorkbook, type ImportBatch } from '$lib/server/interchange/importCsv';
import type { RequestHandler } from './$types';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * `POST /api/responses/import[?dry_run=1][&batch=ID]`, `text/csv` or an Excel workbook
 * (staff of the unit, or admin): `{ created, duplicate, errors }`, committing nothing on any
 * error or on a dry run. With `batch`, rows go into that collection batch.
 */
export const POST: RequestHandler = async (event) => {
	const type = event.request.headers.get('content-type') ?? '';
	const workbook = type.startsWith(XLSX);
	if (!workbook && !/^(text\/csv|text\/plain)\b/i.test(type)) {
		return apiError(event, 415, 'api.error.contentType', { type: `text/csv, ${XLSX}` });
	}
	let batch: ImportBatch | undefined;
	const batchId = event.url.searchParams.get('batch');
	if (batchId) {
		const found = await batchFor(db(), batchId, event.locals.user!);
		if (!found.ok) return failureResponse(event, found);
		batch = found.value;
	}
	const options = {
		actor: actorOf(event.locals),
		dryRun: ['1', 'true'].includes(event.url.searchParams.get('dry_run') ?? ''),
		batch
	};
	const report = workbook
		? await importWorkbook(db(), new Uint8Array(await event.request.arrayBuffer()), options)
		: await importCsv(db(), await event.request.text(), options);
	if (report.errors.length) {
		return apiError(event, 400, 'import.failed', { n: report.errors.length }, { ...report });
	}
	return json(report);
};
