import { error } from '@sveltejs/kit';
import { translate } from '$lib/i18n';
import { defaultDay, requireBatch } from '$lib/server/batches/pages';
import { db } from '$lib/server/db';
import * as audit from '$lib/server/audit/service';
import * as batches from '$lib/server/batches/service';
import * as responses from '$lib/server/responses/reads';
import { latestInstrument } from '$lib/server/instruments/service';
import type { PageServerLoad } from './$types';

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
