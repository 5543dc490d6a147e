import { today } from '$lib/survey/days';
import { requireUnit } from '$lib/server/auth/guard';
import { inScope } from '$lib/server/auth/scope';
import { db } from '$lib/server/db';
import { publicLink } from '$lib/server/devices/qr';
import { isCurrent } from '$lib/survey/units';
import { versionsOf } from '$lib/survey/timeline';
import * as units from '$lib/server/units/service';
import { fail } from '@sveltejs/kit';
import { translate } from '$lib/i18n';
import { mayEnterFor } from '$lib/server/auth/scope';
import { failureForm, fields, readForm } from '$lib/server/http';
import { qr } from '$lib/server/devices/qr';
import { mintInput, mintLink } from '$lib/server/dossierLinks/service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { unit, scope } = await requireUnit(locals, params.code);
	const subtree = await units.subtreeCodes(db(), unit.code);
	const children = (await units.list(db(), subtree)).filter(
		(u) => u.parentCode === unit.code && inScope(scope, u.code)
	);
	const parent = unit.parentCode ? await units.get(db(), unit.parentCode) : undefined;
	const history = (await units.history(db(), [unit.code])).get(unit.code) ?? [];
	const day = today();
	const link = isCurrent(unit, day) ? publicLink(url.origin, unit.code) : undefined;
	return {
		unit,
		survey: link && { url: link.url, qr: await link.qr },
		// Staff of the unit (and admins) print a dossier's rating link for a unit open today.
		mayMint: !!link && !!locals.user && mayEnterFor(locals.user, unit.code),
		parent: parent && { ...parent, visible: inScope(scope, parent.code) },
		// Its earlier names and parents, each with its dates (the current one is the page).
		history: versionsOf({ ...unit, history }).slice(0, -1),
		children
	};
};

export const actions: Actions = {
	/** Signs a dossier's rating link and shows it as a QR code to print. */
	dossierLink: async ({ request, locals, url }) => {
		const parsed = mintInput.safeParse(
			fields(await readForm(request), ['unit', 'dossier', 'days'])
		);
		if (!parsed.success) {
			const field = String(parsed.error.issues[0]?.path[0] ?? 'dossier');
			const key = field === 'days' ? 'dossierLink.error.days' : 'dossierLink.error.code';
			return fail(400, { error: translate(locals.locale, key), field });
		}
		const minted = await mintLink(db(), parsed.data, { user: locals.user! }, url.origin);
		if (!minted.ok) return failureForm(locals.locale, minted, { field: 'dossier' });
		return { link: { ...minted.value, qr: await qr(minted.value.url) } };
	}
};
