import { today } from '$lib/survey/days';
import { db } from '../db';
import { failurePage } from '../http';
import type { Batch } from './batches.repository';
import * as units from '../units/units.repository';
import { batchFor } from './service';

/** For pages: the batch with its unit's name, or the 403/404 page. */
export async function requireBatch(
	locals: App.Locals,
	id: string
): Promise<{ batch: Batch; unitName: string }> {
	const found = await batchFor(db(), id, locals.user!);
	if (!found.ok) failurePage(locals.locale, found);
	const unit = await units.get(db(), found.value.unitCode);
	return { batch: found.value, unitName: unit?.name ?? found.value.unitCode };
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
