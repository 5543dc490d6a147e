import { fail } from '@sveltejs/kit';
import { byField, problemsFrom, type Problem } from '$lib/survey/problems';
import { unitInput, type UnitInput } from '$lib/survey/units';
import { fields } from '../http';

export const unitFieldNames = [
	'code',
	'name',
	'kind',
	'parentCode',
	'validFrom',
	'validTo',
	'successorCodes'
] as const;
export type UnitFormValues = Record<(typeof unitFieldNames)[number], string>;

/** The submitted unit, or the 400 that puts every error beside its field. */
export function parseUnitForm(
	form: FormData
):
	| { ok: true; unit: UnitInput; values: UnitFormValues }
	| { ok: false; failure: ReturnType<typeof unitFailure> } {
	const values = fields(form, unitFieldNames);
	const parsed = unitInput.safeParse(values);
	if (!parsed.success) {
		return {
			ok: false,
			failure: unitFailure(values, problemsFrom(parsed.error, 'unit.error.codeFormat'))
		};
	}
	return { ok: true, unit: parsed.data, values };
}

export function unitFailure(values: UnitFormValues, problems: Problem[]) {
	return fail(400, { values, errors: byField(problems) });
}
