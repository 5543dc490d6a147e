import { error } from '@sveltejs/kit';
import { translate } from '$lib/i18n';
import { today } from '$lib/survey/days';
import { db } from '../db';
import type { Batch } from './batches.repository';
import * as units from '../units/units.repository';
import { batchFor } from './service';

/** For pages: the batch with its unit's name, or the 403/404 page. */
export async function requireBatch(
	locals: App.Locals,
	id: string
): Promise<{ batch: Batch; unitName: string }> {
	const found = await batchFor(db(), id, locals.user!);
	if (!found.ok) {
		error(
			found.status,
			translate(
				locals.locale,
				found.status === 404 ? 'batch.error.notFound' : 'api.error.forbidden'
			)
		);
	}
	const unit = await units.get(db(), found.batch.unitCode);
	return { batch: found.batch, unitName: unit?.name ?? found.batch.unitCode };
}

/** The day a new paper form gets: today, kept inside the batch's collection period. */
export function defaultDay(batch: Batch): string {
	const day = today();
	return day < batch.periodStart
		? batch.periodStart
		: day > batch.periodEnd
			? batch.periodEnd
			: day;
}
