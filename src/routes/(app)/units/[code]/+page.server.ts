import { today } from '$lib/survey/days';
import { requireUnit } from '$lib/server/auth/guard';
import { inScope } from '$lib/server/auth/scope';
import { db } from '$lib/server/db';
import { publicLink } from '$lib/server/devices/qr';
import { isCurrent } from '$lib/survey/units';
import * as units from '$lib/server/units/service';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { unit, scope } = await requireUnit(locals, params.code);
	const subtree = await units.subtreeCodes(db(), unit.code);
	const children = (await units.list(db(), subtree)).filter(
		(u) => u.parentCode === unit.code && inScope(scope, u.code)
	);
	const parent = unit.parentCode ? await units.get(db(), unit.parentCode) : undefined;
	const day = today();
	const link = isCurrent(unit, day) ? publicLink(url.origin, unit.code) : undefined;
	return {
		unit,
		survey: link && { url: link.url, qr: await link.qr },
		parent: parent && { ...parent, visible: inScope(scope, parent.code) },
		children
	};
};
