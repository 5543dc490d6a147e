import { db } from '$lib/server/db';
import { readForm } from '$lib/server/http';
import { userFailure, userFields } from '$lib/server/people/forms';
import { fieldIssuesFrom } from '$lib/survey/issues';
import { newUser } from '$lib/server/people/schema';
import { createUser } from '$lib/server/people/service';
import * as units from '$lib/server/units/service';
import * as users from '$lib/server/people/service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async () => {
	const [userList, unitList] = await Promise.all([users.list(db()), units.list(db())]);
	const names = new Map(unitList.map((u) => [u.code, u.name]));
	return {
		users: userList.map((u) => ({
			...u,
			unitName: u.unitCode ? (names.get(u.unitCode) ?? u.unitCode) : null
		})),
		units: unitList
	};
};

export const actions: Actions = {
	create: async ({ request, locals }) => {
		const values = userFields(await readForm(request));
		const parsed = newUser.safeParse(values);
		if (!parsed.success)
			return userFailure(values, fieldIssuesFrom(parsed.error, 'users.error.username'), 'create');
		const created = await createUser(db(), parsed.data, locals.user!.id);
		if (!created.ok) return userFailure(values, created.issues ?? [], 'create');
		return { created: parsed.data.username };
	}
};
