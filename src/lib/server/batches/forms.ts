import { fail } from '@sveltejs/kit';
import { byField, fieldIssuesFrom, type FieldIssue } from '$lib/survey/issues';
import { fields } from '../http';
import { batchInput } from './service';

const names = [
	'unit',
	'instrument',
	'label',
	'periodStart',
	'periodEnd',
	'expected',
	'verifyPercent',
	'verifySerials'
] as const;

/** The submitted batch fields, or the 400 with errors beside them. */
export function parseBatchForm(form: FormData) {
	const values = fields(form, names);
	const parsed = batchInput.safeParse({ ...values, verifyPercent: values.verifyPercent || '0' });
	if (!parsed.success)
		return {
			ok: false as const,
			failure: batchFailure(values, fieldIssuesFrom(parsed.error, 'batch.error.label'))
		};
	return { ok: true as const, data: parsed.data, values };
}

export function batchFailure(values: Record<string, string>, problems: FieldIssue[]) {
	return fail(400, { values, errors: byField(problems) });
}
