import { error, fail, redirect } from '@sveltejs/kit';
import { translate } from '$lib/i18n';
import { defaultDay, requireBatch } from '$lib/server/batches/pages';
import { db } from '$lib/server/db';
import * as audit from '$lib/server/audit/service';
import * as batches from '$lib/server/batches/service';
import { failureDetails, jsonField, readForm, schemaFailure } from '$lib/server/http';
import { isUuid } from '$lib/server/ids';
import { editResponse } from '$lib/server/responses/corrections';
import { editBody } from '$lib/server/responses/correctionRoutes';
import * as responses from '$lib/server/responses/reads';
import { latestInstrument } from '$lib/server/instruments/service';
import type { Actions, PageServerLoad } from './$types';

/**
 * The keyboard entry screen of a batch. It is cached by the service worker for offline
 * reloads (purged at sign-out), so everything the screen needs comes with it: the
 * questionnaire and the serials already keyed for the unit. `?edit=ID` opens a form that is
 * on the server for a change with a reason (forms still on this computer open from IndexedDB).
 */
export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { batch, unitName } = await requireBatch(locals, params.batch);
	const instrument = (await latestInstrument(db(), batch.instrumentCode))!;
	const taken = await batches.takenSerials(db(), batch.unitCode, batch.instrumentCode);
	const editId = url.searchParams.get('edit');
	let editing;
	if (editId && /^[0-9a-f-]{36}$/i.test(editId)) {
		const form = await responses.paperForm(db(), editId);
		if (form && form.batchId !== batch.id)
			error(404, translate(locals.locale, 'api.error.noResponse'));
		editing = form && { form, history: await audit.forTarget(db(), form.id) };
	}
	return {
		batch,
		unitName,
		instrument,
		day: defaultDay(batch),
		taken: taken.map((t) => ({ ...t, enteredAt: t.enteredAt.toISOString() })),
		userId: locals.user!.id,
		editId,
		editing
	};
};

export const actions: Actions = {
	/**
	 * A change to a form the server has, with a reason: the form `?edit=ID` posts its id, the
	 * answers as keyed (JSON) and the reason; back to the batch once done.
	 */
	edit: async ({ request, locals, params }) => {
		const { batch } = await requireBatch(locals, params.batch);
		const form = await readForm(request);
		const id = String(form.get('id') ?? '');
		if (!isUuid(id)) return fail(404, { error: translate(locals.locale, 'api.error.noResponse') });
		if (!String(form.get('reason') ?? '').trim())
			return fail(400, { error: translate(locals.locale, 'api.error.reasonRequired') });
		const parsed = editBody.safeParse({
			reason: form.get('reason'),
			answers: jsonField(form, 'answers')
		});
		if (!parsed.success) return schemaFailure(locals.locale, parsed.error);
		const { answers, reason } = parsed.data;
		const result = await editResponse(db(), id, answers, reason, locals.user!);
		if (!result.ok) return failureDetails(locals.locale, result);
		redirect(303, `/batches/${batch.id}?changed=${encodeURIComponent(String(form.get('serial')))}`);
	}
};
