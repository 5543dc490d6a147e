import { scopeFor } from '$lib/server/auth/guard';
import { db } from '$lib/server/db';
import * as quarantine from '$lib/server/responses/quarantine';
import type { PageServerLoad } from './$types';

/** The quarantine of the person's unit (every unit for admins): open entries first. */
export const load: PageServerLoad = async ({ locals, url }) => {
	const scope = await scopeFor(locals);
	const all = url.searchParams.get('all') === '1';
	const rows = await quarantine.list(db(), scope.all ? null : [...scope.codes], { open: !all });
	return {
		all,
		rows: rows.map((row) => {
			const payload = (row.payload ?? {}) as Record<string, unknown>;
			return {
				...row,
				serial: typeof payload.serial === 'string' ? payload.serial : '',
				channel: typeof payload.channel === 'string' ? payload.channel : ''
			};
		})
	};
};
