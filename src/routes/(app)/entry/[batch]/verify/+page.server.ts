import { defaultDay, requireBatch } from '$lib/server/batches/pages';
import { db } from '$lib/server/db';
import { failureDetails, jsonField, readForm, schemaFailure } from '$lib/server/http';
import * as batches from '$lib/server/batches/service';
import * as verifications from '$lib/server/batches/verification';
import { latestInstrument } from '$lib/server/instruments/service';
import { sampled } from '$lib/survey/verification';
import type { Actions, PageServerLoad } from './$types';

/**
 * The second keying of a batch's double-entry sample: the serials still to key again (not
 * keyed by this clerk the first time), and nothing of the first keying.
 */
export const load: PageServerLoad = async ({ locals, params }) => {
	const { batch, unitName } = await requireBatch(locals, params.batch);
	const [instrument, forms, done] = await Promise.all([
		latestInstrument(db(), batch.instrumentCode),
		batches.forms(db(), batch.id),
		verifications.list(db(), batch.id)
	]);
	const verified = new Set(done.map((v) => v.serial));
	const pending = forms
		.filter(
			(f) =>
				f.status === 'valid' &&
				f.serial &&
				!verified.has(f.serial) &&
				f.enteredBy !== locals.user!.username &&
				sampled(batch, f.serial)
		)
		.map((f) => f.serial!);
	return {
		batch,
		unitName,
		instrument: instrument!,
		day: defaultDay(batch),
		taken: [],
		userId: locals.user!.id,
		editId: null,
		editing: undefined,
		pending
	};
};

export const actions: Actions = {
	/** A second keying: the serial and the answers as keyed (JSON); says which serial it took. */
	default: async ({ request, locals, params }) => {
		const { batch } = await requireBatch(locals, params.batch);
		const form = await readForm(request);
		const parsed = verifications.verifyBody.safeParse({
			serial: form.get('serial') ?? '',
			answers: jsonField(form, 'answers') ?? {}
		});
		if (!parsed.success) return schemaFailure(locals.locale, parsed.error);
		const result = await verifications.verifyForm(db(), batch, parsed.data, locals.user!);
		if (!result.ok) return failureDetails(locals.locale, result);
		return { verified: parsed.data.serial };
	}
};
