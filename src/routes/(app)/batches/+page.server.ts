import { redirect } from '@sveltejs/kit';
import { today } from '$lib/survey/days';
import { isCurrent } from '$lib/survey/units';
import { scopeFor } from '$lib/server/auth/guard';
import { mayEnterFor } from '$lib/server/auth/scope';
import { batchFailure, parseBatchForm } from '$lib/server/batches/forms';
import { createBatch } from '$lib/server/batches/service';
import { db } from '$lib/server/db';
import { failurePage, readForm } from '$lib/server/http';
import * as batches from '$lib/server/batches/service';
import * as instruments from '$lib/server/instruments/service';
import * as units from '$lib/server/units/service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const scope = await scopeFor(locals);
	const codes = scope.all ? null : [...scope.codes];
	const day = today();
	const [list, unitList, stored] = await Promise.all([
		batches.list(db(), codes),
		units.list(db(), codes ?? undefined),
		instruments.list(db())
	]);
	const newest = new Map(stored.filter((i) => !i.retiredAt).map((i) => [i.code, i.definition]));
	return {
		batches: list,
		units: unitList.filter((u) => isCurrent(u, day) && mayEnterFor(locals.user!, u.code)),
		instruments: [...newest.values()].map((i) => ({ code: i.code, title: i.title })),
		day
	};
};

export const actions: Actions = {
	create: async ({ request, locals }) => {
		const parsed = parseBatchForm(await readForm(request));
		if (!parsed.ok) return parsed.failure;
		const created = await createBatch(db(), parsed.data, locals.user!);
		if (!created.ok && created.reason === 'forbidden') failurePage(locals.locale, created);
		if (!created.ok) return batchFailure(parsed.values, created.issues ?? []);
		redirect(303, `/batches/${created.value}`);
	}
};
