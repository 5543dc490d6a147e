import { fail } from '@sveltejs/kit';
import { byField, type FieldIssue } from '$lib/survey/issues';
import { fields } from '../http';

export const userFieldNames = ['username', 'displayName', 'role', 'unitCode', 'password'] as const;
export type UserFormValues = Record<(typeof userFieldNames)[number], string>;

export function userFields(form: FormData): UserFormValues {
	return fields(form, userFieldNames);
}

/** A 400 with the values back (never the password) and each error beside its field. */
export function userFailure(values: UserFormValues, problems: FieldIssue[], action: string) {
	return fail(400, { action, values: { ...values, password: '' }, errors: byField(problems) });
}
