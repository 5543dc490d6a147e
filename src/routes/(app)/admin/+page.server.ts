import { db } from '$lib/server/db';
import * as devices from '$lib/server/repositories/devices';
import * as units from '$lib/server/repositories/units';
import * as users from '$lib/server/repositories/users';
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
