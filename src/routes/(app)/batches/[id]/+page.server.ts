import { fail } from '@sveltejs/kit';
import { translate } from '$lib/i18n';
import { requireBatch } from '$lib/server/batches/pages';
import { db } from '$lib/server/db';
import { fields, readForm } from '$lib/server/http';
import * as batches from '$lib/server/repositories/batches';
import * as quarantine from '$lib/server/repositories/quarantine';
import { voidResponse } from '$lib/server/survey/corrections';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { batch, unitName } = await requireBatch(locals, params.id);
	const [forms, people, refused] = await Promise.all([
		batches.forms(db(), batch.id),
		batches.enteredBy(db(), batch.id),
		quarantine.list(db(), [batch.unitCode], { batchId: batch.id })
	]);
	const filter = {
		status: url.searchParams.get('status') ?? '',
		serial: url.searchParams.get('serial')?.trim() ?? '',
		by: url.searchParams.get('by') ?? ''
	};
	const shown = forms.filter(
		(f) =>
			(!filter.status || f.status === filter.status) &&
			(!filter.serial || (f.serial ?? '').includes(filter.serial)) &&
			(!filter.by || f.enteredBy === filter.by)
	);
	const entered = forms.filter((f) => f.status !== 'void').length;
	return {
		batch,
		unitName,
		counts: {
			entered,
			remaining: Math.max(0, batch.expected - entered),
			voided: forms.length - entered,
			duplicates: refused.filter((r) => r.issues.some((i) => i.path[0] === 'serial')).length
		},
		people,
		filter,
		forms: shown.slice(0, 2000).map((f) => ({
			...f,
			answered: Object.values(f.answers).filter((v) => v !== null).length
		})),
		total: shown.length,
		changed: url.searchParams.get('changed')
	};
};

export const actions: Actions = {
	void: async ({ request, locals, params }) => {
		await requireBatch(locals, params.id);
		const { id, reason, serial } = fields(await readForm(request), ['id', 'reason', 'serial']);
		if (!reason.trim())
			return fail(400, { voidId: id, error: translate(locals.locale, 'batch.error.reason') });
		const result = await voidResponse(db(), id, reason, locals.user!);
		if (!result.ok) {
			const key = result.reason === 'forbidden' ? 'api.error.forbidden' : 'api.error.responseVoid';
			return fail(result.reason === 'forbidden' ? 403 : 409, {
				voidId: id,
				error: translate(locals.locale, key)
			});
		}
		return { done: translate(locals.locale, 'batch.voided.done', { serial }) };
	}
};
