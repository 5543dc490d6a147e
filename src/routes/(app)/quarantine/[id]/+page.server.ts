import { fail, redirect } from '@sveltejs/kit';
import { translate } from '$lib/i18n';
import { db } from '$lib/server/db';
import { failureForm, failurePage, readForm } from '$lib/server/http';
import {
	fixable,
	fixInput,
	quarantinedFor,
	resubmit,
	voidQuarantined
} from '$lib/server/responses/quarantine';
import { itemsOf } from '$lib/survey/instruments';
import { formatAnswer } from '$lib/survey/interchange';
import type { AnswerValue } from '$lib/survey/responses';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const found = await quarantinedFor(db(), params.id, locals.user!);
	if (!found.ok) failurePage(locals.locale, found);
	const source = await fixable(db(), found.value);
	const payload = source?.payload ?? {};
	const answers = (payload.answers ?? {}) as Record<string, AnswerValue>;
	const text = (key: string) => (typeof payload[key] === 'string' ? (payload[key] as string) : '');
	return {
		row: found.value,
		fix: source && {
			instrument: source.instrument,
			serial: text('serial'),
			submittedAt: text('submittedAt'),
			comment: text('comment'),
			cells: Object.fromEntries(
				itemsOf(source.instrument).map((item) => [item.code, formatAnswer(answers[item.code])])
			)
		}
	};
};

export const actions: Actions = {
	resubmit: async ({ request, locals, params }) => {
		const form = await readForm(request);
		const cells: Record<string, string> = {};
		for (const [name, value] of form)
			if (name.startsWith('cell.') && typeof value === 'string') cells[name.slice(5)] = value;
		const parsed = fixInput.safeParse({
			serial: String(form.get('serial') ?? ''),
			submittedAt: String(form.get('submittedAt') ?? ''),
			comment: String(form.get('comment') ?? ''),
			cells
		});
		if (!parsed.success)
			return fail(400, { error: translate(locals.locale, 'quarantine.error.fix'), issues: [] });
		const result = await resubmit(db(), params.id, parsed.data, locals.user!);
		if (result.ok) redirect(303, '/quarantine?done=resubmitted');
		if (result.reason === 'forbidden') failurePage(locals.locale, result);
		return failureForm(locals.locale, result, { values: { ...parsed.data } });
	},
	void: async ({ request, locals, params }) => {
		const reason = String((await readForm(request)).get('reason') ?? '');
		const result = await voidQuarantined(db(), params.id, reason, locals.user!);
		if (result.ok) redirect(303, '/quarantine?done=void');
		if (result.reason === 'forbidden') failurePage(locals.locale, result);
		return failureForm(locals.locale, result);
	}
};
