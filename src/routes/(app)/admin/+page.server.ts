import { db } from '$lib/server/db';
import * as devices from '$lib/server/devices/service';
import * as units from '$lib/server/units/service';
import * as users from '$lib/server/people/service';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async () => {
	const [unitCount, userList, deviceList] = await Promise.all([
		units.count(db()),
		users.list(db()),
		devices.list(db())
	]);
	return {
		counts: {
			units: unitCount,
			users: userList.length,
			devices: deviceList.filter((d) => !d.revokedAt).length
		}
	};
};
