import { fail } from '@sveltejs/kit';
import { byField, problemsFrom, type Problem } from '$lib/survey/problems';
import { fields } from '../http';
import { deviceInput } from './service';

/** The submitted device fields, or the 400 with errors beside them. */
export function parseDeviceForm(form: FormData) {
	const values = fields(form, ['name', 'unit']);
	const parsed = deviceInput.safeParse(values);
	if (!parsed.success)
		return {
			ok: false as const,
			failure: deviceFailure(values, problemsFrom(parsed.error, 'devices.error.name'))
		};
	return { ok: true as const, data: parsed.data, values };
}

export function deviceFailure(values: Record<string, string>, problems: Problem[]) {
	return fail(400, { values, errors: byField(problems) });
}
