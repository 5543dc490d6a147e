import { fail } from '@sveltejs/kit';
import { db } from '$lib/server/db';
import { failureForm, failureText, fields, readForm } from '$lib/server/http';
import { translate } from '$lib/i18n';
import * as instruments from '$lib/server/instruments/service';
import { importInstrument, retireInput, setRetired } from '$lib/server/instruments/service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async () => ({
	instruments: (await instruments.list(db())).map((i) => ({
		code: i.code,
		version: i.version,
		title: i.definition.title,
		draft: i.definition.draft ?? null,
		items: i.definition.parts.reduce(
			(n, p) => n + p.groups.reduce((m, g) => m + g.items.length, 0),
			0
		),
		retired: i.retiredAt !== null,
		hasResponses: i.hasResponses
	}))
});

export const actions: Actions = {
	upload: async ({ request, locals }) => {
		const form = await readForm(request);
		const file = form.get('file');
		const text =
			file instanceof File && file.size > 0 ? await file.text() : String(form.get('json') ?? '');
		let json: unknown;
		try {
			json = JSON.parse(text);
		} catch {
			const message = translate(locals.locale, 'instruments.error.json');
			return fail(400, { upload: { message, issues: [] } });
		}
		const result = await importInstrument(db(), json, locals.user!.id);
		if (!result.ok) {
			const upload = { message: failureText(locals.locale, result), issues: result.issues ?? [] };
			return failureForm(locals.locale, result, { upload });
		}
		return { imported: `${result.value.code} v${result.value.version}` };
	},
	retire: async ({ request, locals }) => {
		const { code, version, retired } = fields(await readForm(request), [
			'code',
			'version',
			'retired'
		]);
		const input = retireInput.safeParse({
			code,
			version: Number(version),
			retired: retired === '1'
		});
		// Only a tampered form names an instrument that is not listed: say so, change nothing.
		if (!input.success || !(await setRetired(db(), input.data, locals.user!.id)).ok) {
			return fail(404, { missing: `${code.slice(0, 64)} v${version.slice(0, 12)}` });
		}
		return { retiredChanged: true };
	}
};
