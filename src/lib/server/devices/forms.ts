import { fail } from '@sveltejs/kit';
import { isMessageKey } from '$lib/i18n';
import { byField, fieldIssuesFrom, type FieldIssue } from '$lib/survey/issues';
import { fields } from '../http';
import { deviceInput, settingsInput } from './service';

/** The submitted device fields, or the 400 with errors beside them. */
export function parseDeviceForm(form: FormData) {
	const values = fields(form, ['name', 'unit']);
	const parsed = deviceInput.safeParse(values);
	if (!parsed.success)
		return {
			ok: false as const,
			failure: deviceFailure(values, fieldIssuesFrom(parsed.error, 'devices.error.name'))
		};
	return { ok: true as const, data: parsed.data, values };
}

export function deviceFailure(values: Record<string, string>, problems: FieldIssue[]) {
	return fail(400, { values, errors: byField(problems) });
}

const settingFields = [
	'mode',
	'idleSeconds',
	'unfinished',
	'locale',
	'services',
	'counter',
	'officer',
	'pin'
] as const;

/** The kiosk settings form, or the 400 with errors beside the fields. */
export function parseSettingsForm(form: FormData) {
	const values = fields(form, settingFields);
	const optional = (text: string) => (text.trim() ? text : undefined);
	const parsed = settingsInput.safeParse({
		settings: {
			mode: values.mode,
			idleSeconds: /^\d{1,4}$/.test(values.idleSeconds.trim()) ? Number(values.idleSeconds) : -1,
			unfinished: values.unfinished,
			locale: values.locale,
			services: values.services
				.split(/\r?\n/)
				.map((line) => line.trim())
				.filter(Boolean),
			counter: optional(values.counter),
			officer: optional(values.officer)
		},
		pin: optional(values.pin.trim())
	});
	if (parsed.success) return { ok: true as const, data: parsed.data };
	const problems = parsed.error.issues.map((issue) => {
		const field = String(issue.path.at(issue.path[0] === 'settings' ? 1 : 0) ?? '');
		return { field, key: settingsKey(field, issue.message) };
	});
	return {
		ok: false as const,
		failure: fail(400, { settingValues: values, errors: byField(problems) })
	};
}

function settingsKey(field: string, message: string) {
	if (isMessageKey(message)) return message;
	return field === 'idleSeconds' ? 'devices.error.idle' : 'devices.error.pin';
}
