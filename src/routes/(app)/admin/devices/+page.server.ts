import { today } from '$lib/survey/days';
import { db } from '$lib/server/db';
import { deviceFailure, parseDeviceForm } from '$lib/server/devices/forms';
import { enrolmentQr } from '$lib/server/devices/qr';
import { createDevice } from '$lib/server/devices/service';
import { readForm } from '$lib/server/http';
import * as devices from '$lib/server/devices/service';
import * as units from '$lib/server/units/service';
import { isCurrent } from '$lib/survey/units';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async () => {
	const day = today();
	const [deviceList, unitList] = await Promise.all([devices.list(db()), units.list(db())]);
	const names = new Map(unitList.map((u) => [u.code, u.name]));
	return {
		devices: deviceList.map((d) => ({ ...d, unitName: names.get(d.unitCode) ?? d.unitCode })),
		units: unitList.filter((u) => isCurrent(u, day))
	};
};

export const actions: Actions = {
	create: async ({ request, locals, url }) => {
		const parsed = parseDeviceForm(await readForm(request));
		if (!parsed.ok) return parsed.failure;
		const created = await createDevice(db(), parsed.data, locals.user!.id);
		if (!created.ok) return deviceFailure(parsed.values, created.issues ?? []);
		return {
			enrolment: {
				...created.value,
				qr: await enrolmentQr(url.origin, created.value.enrolmentCode),
				origin: url.origin
			}
		};
	}
};
