import { today } from '$lib/survey/days';
import { error } from '@sveltejs/kit';
import { translate } from '$lib/i18n';
import { db } from '$lib/server/db';
import { deviceFailure, parseDeviceForm, parseSettingsForm } from '$lib/server/devices/forms';
import { enrolmentQr } from '$lib/server/devices/qr';
import {
	changeDevice,
	changeSettings,
	renewEnrolment,
	retireDevice,
	revokeDevice,
	settingsOf
} from '$lib/server/devices/service';
import { failureForm, failurePage, readForm } from '$lib/server/http';
import * as devices from '$lib/server/devices/service';
import * as responses from '$lib/server/responses/reads';
import * as units from '$lib/server/units/service';
import { isCurrent } from '$lib/survey/units';
import type { Actions, PageServerLoad } from './$types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function find(id: string, locale: App.Locals['locale']) {
	const device = UUID.test(id) ? await devices.get(db(), id) : undefined;
	if (!device) error(404, translate(locale, 'devices.error.notFound'));
	return device;
}

export const load: PageServerLoad = async ({ params, locals }) => {
	const device = await find(params.id, locals.locale);
	const day = today();
	const unitList = (await units.list(db())).filter(
		(u) => isCurrent(u, day) || u.code === device.unitCode
	);
	const { pinHash: _pin, ...shown } = device;
	return {
		device: shown,
		settings: settingsOf(device),
		gaps: await responses.deviceGaps(db(), device.id),
		units: unitList
	};
};

export const actions: Actions = {
	save: async ({ request, params, locals }) => {
		await find(params.id, locals.locale);
		const parsed = parseDeviceForm(await readForm(request));
		if (!parsed.ok) return parsed.failure;
		const result = await changeDevice(db(), params.id, parsed.data, locals.user!.id);
		if (!result.ok && result.reason === 'invalid')
			return deviceFailure(parsed.values, result.issues ?? []);
		if (!result.ok) failurePage(locals.locale, result);
		return { saved: true };
	},
	settings: async ({ request, params, locals }) => {
		await find(params.id, locals.locale);
		const parsed = parseSettingsForm(await readForm(request));
		if (!parsed.ok) return parsed.failure;
		await changeSettings(db(), params.id, parsed.data, locals.user!.id);
		return { settingsSaved: true };
	},
	code: async ({ params, locals, url }) => {
		await find(params.id, locals.locale);
		const result = await renewEnrolment(db(), params.id, locals.user!.id);
		if (!result.ok) return failureForm(locals.locale, result);
		return {
			enrolment: {
				...result.value,
				qr: await enrolmentQr(url.origin, result.value.enrolmentCode),
				origin: url.origin
			}
		};
	},
	retire: async ({ params, locals }) => {
		await find(params.id, locals.locale);
		const result = await retireDevice(db(), params.id, locals.user!.id);
		if (!result.ok) return failureForm(locals.locale, result);
		return { retired: true };
	},
	revoke: async ({ params, locals }) => {
		await find(params.id, locals.locale);
		await revokeDevice(db(), params.id, locals.user!.id);
		return { revoked: true };
	}
};
