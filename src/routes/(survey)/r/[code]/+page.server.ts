import { today } from '$lib/survey/days';
import { error } from '@sveltejs/kit';
import { translate } from '$lib/i18n';
import { db } from '$lib/server/db';
import * as units from '$lib/server/units/service';
import { latestInstrument } from '$lib/server/instruments/service';
import { instrumentOfMode } from '$lib/survey/kiosk';
import { isCurrent } from '$lib/survey/units';
import type { PageServerLoad } from './$types';

/** The public questionnaire of a unit that exists today; anything else is a plain 404. */
export const load: PageServerLoad = async ({ params, locals, setHeaders, url }) => {
	const unit = await units.get(db(), params.code);
	const day = today();
	const instrument = await latestInstrument(db(), instrumentOfMode.full);
	if (!unit || !isCurrent(unit, day) || !instrument) {
		error(404, translate(locals.locale, 'unit.error.notFound', { code: params.code }));
	}
	// The service worker keeps its own copy for offline; intermediaries need not.
	setHeaders({ 'cache-control': 'no-cache' });
	// A dossier's signed link (`?d=…&e=…&s=…`): carried with the answer, checked when it arrives.
	const [code, expires, signature] = ['d', 'e', 's'].map((k) => url.searchParams.get(k));
	const dossier =
		code && expires && signature ? { code: code.slice(0, 64), expires, signature } : null;
	return { unit: { code: unit.code, name: unit.name }, instrument, dossier };
};
