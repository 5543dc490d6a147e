import { error, fail } from '@sveltejs/kit';
import { translate } from '$lib/i18n';
import { db } from '$lib/server/db';
import { fields, readForm } from '$lib/server/http';
import * as audit from '$lib/server/audit/audit.repository';
import * as dossiers from '$lib/server/units/dossiers.repository';
import * as units from '$lib/server/units/units.repository';
import { parseUnitForm, unitFailure, type UnitFormValues } from '$lib/server/units/forms';
import * as unitService from '$lib/server/units/service';
import { dossierInput, parseDate, type Unit } from '$lib/survey/units';
import type { MessageKey } from '$lib/i18n';
import type { Actions, PageServerLoad } from './$types';

const asValues = (unit: Unit): UnitFormValues => ({
	code: unit.code,
	name: unit.name,
	kind: unit.kind,
	parentCode: unit.parentCode ?? '',
	validFrom: unit.validFrom ?? '',
	validTo: unit.validTo ?? '',
	successorCodes: unit.successorCodes.join(' ')
});

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
		dossiers: await dossiers.list(db(), [unit.code]),
		values: asValues(unit),
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
		await dossiers.set(db(), { unit: unit.code, ...parsed.data, by: locals.user!.id });
		await audit.record(db(), {
			actorUserId: locals.user!.id,
			action: 'unit.dossiers',
			target: unit.code,
			details: parsed.data
		});
		return { dossiersSaved: parsed.data.year };
	},
	save: async ({ request, params, locals }) => {
		const form = await readForm(request);
		form.set('code', params.code);
		const parsed = parseUnitForm(form);
		if (!parsed.ok) return parsed.failure;
		const saved = await unitService.update(db(), parsed.unit, locals.user!.id);
		if (!saved.ok) return unitFailure(parsed.values, saved.problems);
		return { saved: true };
	},
	retire: async ({ request, params, locals }) => {
		const unit = await load404(params.code, locals.locale);
		const { retireOn, successors } = fields(await readForm(request), ['retireOn', 'successors']);
		const values = {
			...asValues(unit),
			validTo: retireOn || new Date().toISOString().slice(0, 10),
			successorCodes: successors
		};
		if (retireOn && !parseDate(retireOn)) {
			return unitFailure(values, [{ field: 'validTo', key: 'unit.error.date' }]);
		}
		const form = new FormData();
		for (const [name, value] of Object.entries(values)) form.set(name, value);
		const parsed = parseUnitForm(form);
		if (!parsed.ok) return parsed.failure;
		const saved = await unitService.update(db(), parsed.unit, locals.user!.id);
		if (!saved.ok) return unitFailure(parsed.values, saved.problems);
		return { retired: true };
	}
};
