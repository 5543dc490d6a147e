import { fail } from '@sveltejs/kit';
import { today } from '$lib/survey/days';
import { byField, fieldIssuesFrom, type FieldIssue } from '$lib/survey/issues';
import { unitInput, type Unit, type UnitInput } from '$lib/survey/units';
import { fields } from '../http';

export const unitFieldNames = [
	'code',
	'name',
	'kind',
	'parentCode',
	'validFrom',
	'validTo',
	'successorCodes',
	'predecessorCodes',
	'changedFrom'
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
			failure: unitFailure(values, fieldIssuesFrom(parsed.error, 'unit.error.codeFormat'))
		};
	}
	return { ok: true, unit: parsed.data, values };
}

export function unitFailure(values: UnitFormValues, problems: FieldIssue[]) {
	return fail(400, { values, errors: byField(problems) });
}

/** The form's values for a stored unit. */
export const unitValues = (unit: Unit): UnitFormValues => ({
	code: unit.code,
	name: unit.name,
	kind: unit.kind,
	parentCode: unit.parentCode ?? '',
	validFrom: unit.validFrom ?? '',
	validTo: unit.validTo ?? '',
	successorCodes: unit.successorCodes.join(' '),
	predecessorCodes: unit.predecessorCodes.join(' '),
	changedFrom: ''
});

/**
 * The values that retire `unit` on `retireOn`, or when no day is given today in Vietnam (a
 * unit retired at 06:00 there must not end on the UTC day before).
 */
export function retireValues(unit: Unit, retireOn: string, successors: string): UnitFormValues {
	return {
		...unitValues(unit),
		validTo: retireOn || today(),
		successorCodes: successors
	};
}
