import { error, fail, redirect } from '@sveltejs/kit';
import { translate } from '$lib/i18n';
import { db } from '$lib/server/db';
import { readForm } from '$lib/server/http';
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
	if (!found.ok)
		error(
			found.reason === 'forbidden' ? 403 : 404,
			translate(
				locals.locale,
				found.reason === 'forbidden' ? 'api.error.forbidden' : 'quarantine.notFound'
			)
		);
	const source = await fixable(db(), found.row);
	const payload = source?.payload ?? {};
	const answers = (payload.answers ?? {}) as Record<string, AnswerValue>;
	const text = (key: string) => (typeof payload[key] === 'string' ? (payload[key] as string) : '');
	return {
		row: found.row,
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
		if (result.reason === 'forbidden') error(403, translate(locals.locale, 'api.error.forbidden'));
		return fail(result.reason === 'invalid' ? 400 : 409, {
			error: translate(locals.locale, `quarantine.error.${result.reason}`),
			issues: result.reason === 'invalid' ? result.issues : [],
			values: { ...parsed.data }
		});
	},
	void: async ({ request, locals, params }) => {
		const reason = String((await readForm(request)).get('reason') ?? '');
		const result = await voidQuarantined(db(), params.id, reason, locals.user!);
		if (result.ok) redirect(303, '/quarantine?done=void');
		if (result.reason === 'forbidden') error(403, translate(locals.locale, 'api.error.forbidden'));
		return fail(result.reason === 'noReason' ? 400 : 409, {
			error: translate(
				locals.locale,
				result.reason === 'noReason' ? 'batch.error.reason' : `quarantine.error.${result.reason}`
			),
			issues: []
		});
	}
};
