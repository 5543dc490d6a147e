import { error, fail } from '@sveltejs/kit';
import { translate } from '$lib/i18n';
import { db } from '$lib/server/db';
import { fields, readForm } from '$lib/server/http';
import * as units from '$lib/server/units/service';
import { parseUnitForm, retireValues, unitFailure, unitValues } from '$lib/server/units/forms';
import { dossierInput, parseDate, type Unit } from '$lib/survey/units';
import type { MessageKey } from '$lib/i18n';
import type { Actions, PageServerLoad } from './$types';

async function load404(code: string, locale: App.Locals['locale']): Promise<Unit> {
	const unit = await units.get(db(), code);
	if (!unit) error(404, translate(locale, 'unit.error.notFound', { code }));
	return unit;
}

export const load: PageServerLoad = async ({ params, locals }) => {
	const unit = await load404(params.code, locals.locale);
	const all = await units.list(db());
	return {
		unit,
		dossiers: await units.dossiersOf(db(), unit.code),
		values: unitValues(unit),
		parents: all.filter(
			(u) => (u.kind === 'province' || u.kind === 'district') && u.code !== unit.code
		)
	};
};

export const actions: Actions = {
	dossiers: async ({ request, params, locals }) => {
		const unit = await load404(params.code, locals.locale);
		const values = fields(await readForm(request), ['year', 'dossiers']);
		const parsed = dossierInput.safeParse(values);
		if (!parsed.success) {
			const errors = Object.fromEntries(
				parsed.error.issues.map((i) => [String(i.path[0]), { key: i.message as MessageKey }])
			);
			return fail(400, { dossierValues: values, dossierErrors: errors });
		}
		await units.setDossiers(db(), { unit: unit.code, ...parsed.data }, locals.user!.id);
		return { dossiersSaved: parsed.data.year };
	},
	save: async ({ request, params, locals }) => {
		const form = await readForm(request);
		form.set('code', params.code);
		const parsed = parseUnitForm(form);
		if (!parsed.ok) return parsed.failure;
		const saved = await units.update(db(), parsed.unit, locals.user!.id);
		if (!saved.ok) return unitFailure(parsed.values, saved.issues ?? []);
		return { saved: true };
	},
	retire: async ({ request, params, locals }) => {
		const unit = await load404(params.code, locals.locale);
		const { retireOn, successors } = fields(await readForm(request), ['retireOn', 'successors']);
		const values = retireValues(unit, retireOn, successors);
		if (retireOn && !parseDate(retireOn)) {
			return unitFailure(values, [{ field: 'validTo', key: 'unit.error.date' }]);
		}
		const form = new FormData();
		for (const [name, value] of Object.entries(values)) form.set(name, value);
		const parsed = parseUnitForm(form);
		if (!parsed.ok) return parsed.failure;
		const saved = await units.update(db(), parsed.unit, locals.user!.id);
		if (!saved.ok) return unitFailure(parsed.values, saved.issues ?? []);
		return { retired: true };
	}
};
