import { fail } from '@sveltejs/kit';
import { translate } from '$lib/i18n';
import { requireBatch } from '$lib/server/batches/pages';
import { db } from '$lib/server/db';
import { failureForm, fields, readForm } from '$lib/server/http';
import * as batches from '$lib/server/batches/service';
import * as quarantine from '$lib/server/responses/quarantine';
import { voidResponse } from '$lib/server/responses/corrections';
import { decide, decisionInput } from '$lib/server/batches/verification';
import * as verifications from '$lib/server/batches/verification';
import { latestInstrument } from '$lib/server/instruments/service';
import { itemsOf } from '$lib/survey/instruments';
import { errorRates, sampled } from '$lib/survey/verification';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { batch, unitName } = await requireBatch(locals, params.id);
	const [forms, people, refused, keyings, instrument] = await Promise.all([
		batches.forms(db(), batch.id),
		batches.enteredBy(db(), batch.id),
		quarantine.list(db(), [batch.unitCode], { batchId: batch.id }),
		verifications.list(db(), batch.id),
		latestInstrument(db(), batch.instrumentCode)
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
		verification: {
			enabled: batch.verifyPercent > 0 || batch.verifySerials.length > 0,
			sampled: forms.filter((f) => f.status === 'valid' && f.serial && sampled(batch, f.serial))
				.length,
			done: keyings.length,
			rates: errorRates(keyings, itemsOf(instrument!).length),
			mismatches: keyings.flatMap((k) =>
				k.mismatches.map((m) => ({
					...m,
					serial: k.serial,
					by: k.enteredBy,
					decision: k.decisions[m.item]
				}))
			)
		},
		changed: url.searchParams.get('changed')
	};
};

export const actions: Actions = {
	decide: async ({ request, locals, params }) => {
		const { batch } = await requireBatch(locals, params.id);
		const parsed = decisionInput.safeParse(
			fields(await readForm(request), ['serial', 'item', 'pick'])
		);
		const result = parsed.success && (await decide(db(), batch, parsed.data, locals.user!));
		if (!result || !result.ok)
			return fail(409, { error: translate(locals.locale, 'verify.error.decision') });
		return { done: translate(locals.locale, 'verify.decided', parsed.data) };
	},
	void: async ({ request, locals, params }) => {
		await requireBatch(locals, params.id);
		const { id, reason, serial } = fields(await readForm(request), ['id', 'reason', 'serial']);
		const result = await voidResponse(db(), id, reason, locals.user!);
		if (!result.ok) return failureForm(locals.locale, result, { voidId: id });
		return { done: translate(locals.locale, 'batch.voided.done', { serial }) };
	}
};
