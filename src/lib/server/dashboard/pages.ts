import { error } from '@sveltejs/kit';
import { translate } from '$lib/i18n';
import { readDashboardQuery, type DashboardQuery, type ScopeOptions } from '$lib/survey/dashboard';
import { today } from '$lib/survey/days';
import type { Instrument } from '$lib/survey/instruments';
import { periodOptions } from '$lib/survey/periods';
import { blockLabel, standingText, summarySentences, viewLabels } from '$lib/i18n/summary';
import { standingOf } from '../publications/standing';
import { loadDashboard } from './service';
import type { Unit } from '$lib/survey/units';
import { requireUnit } from '../auth/guard';
import type { Scope } from '../auth/scope';
import { inScope } from '../auth/scope';
import { db } from '../db';
import * as devices from '../devices/devices.repository';
import * as instruments from '../instruments/instruments.repository';
import * as units from '../units/units.repository';
import { latestInstrument } from '../instruments/service';
import { publicationReply } from '../publications/replies';
import { mayPublish } from '../publications/service';
import { publishedState } from '../publications/views';

export interface DashboardView {
	query: DashboardQuery;
	unit: Unit;
	scope: Scope;
	instrument: Instrument;
}

/** The unit a person's dashboard opens on: their own, or (admins) the first province. */
async function homeUnit(locals: App.Locals): Promise<string> {
	if (locals.user?.unitCode) return locals.user.unitCode;
	const roots = (await units.list(db())).filter((u) => !u.parentCode);
	return roots[0]?.code ?? '';
}

/**
 * What every dashboard page and export starts with: the view its address asks for, refused
 * with 400 when the address is not a view, 403 outside the caller's units, 404 for a unit
 * or questionnaire that does not exist (or has nothing to index).
 */
export async function dashboardView(locals: App.Locals, url: URL): Promise<DashboardView> {
	const read = readDashboardQuery(url.searchParams, {
		home: await homeUnit(locals),
		today: today()
	});
	if (!read.ok) error(400, translate(locals.locale, read.key, read.params));
	const { unit, scope } = await requireUnit(locals, read.query.unit);
	const instrument = await latestInstrument(db(), read.query.instrument);
	if (!instrument?.parts.some((p) => p.indexed))
		error(
			404,
			translate(locals.locale, 'dashboard.error.instrument', { code: read.query.instrument })
		);
	return { query: read.query, unit, scope, instrument };
}

const kindOrder = { province: 0, department: 1, commune: 2, district: 3 } as const;

/** The scope bar's choices for the caller. */
export async function scopeOptions(scope: Scope): Promise<ScopeOptions> {
	const visible = await units.list(db(), scope.all ? undefined : [...scope.codes]);
	const stored = await instruments.list(db());
	const latest = new Map<string, Instrument>();
	for (const row of stored) {
		if (
			!row.retiredAt &&
			row.definition.parts.some((p) => p.indexed) &&
			row.code !== 'quick-rating'
		)
			latest.set(row.code, row.definition);
	}
	const fields = new Set<string>();
	for (const device of await devices.list(db())) {
		if (inScope(scope, device.unitCode))
			for (const s of device.settings.services ?? []) fields.add(s);
	}
	return {
		units: visible
			.toSorted(
				(a, b) => kindOrder[a.kind] - kindOrder[b.kind] || a.name.localeCompare(b.name, 'vi')
			)
			.map((u) => ({ code: u.code, name: u.name, kind: u.kind })),
		instruments: [...latest.values()].map((i) => ({ code: i.code, title: i.title })),
		periods: periodOptions(today()),
		fields: [...fields].sort((a, b) => a.localeCompare(b, 'vi'))
	};
}

/**
 * The figures of a view: the published ones where its scope and period were published (see
 * `publishedState`), else the live ones; and the publication either way, for its badge.
 */
export async function viewFigures(locals: App.Locals, view: DashboardView) {
	const { query, unit, instrument } = view;
	const state = await publishedState(db(), query, locals.locale);
	const dashboard =
		state?.dashboard ?? (await loadDashboard(db(), query, unit, instrument, locals.locale));
	const publication = state && {
		...publicationReply(state.publication),
		since: state.since,
		/** The page shows this publication's figures (not the live ones). */
		shown: state.dashboard !== null,
		clean: state.publication.clean
	};
	return { dashboard, publication };
}

/** Everything the dashboard page (and its printable report) shows for the view in `url`. */
export async function dashboardPage(locals: App.Locals, url: URL) {
	const view = await dashboardView(locals, url);
	const { query, unit, scope, instrument } = view;
	const [{ dashboard, publication }, options, parent, standing] = await Promise.all([
		viewFigures(locals, view),
		scopeOptions(scope),
		unit.parentCode ? units.get(db(), unit.parentCode) : undefined,
		standingOf(db(), query, unit, instrument)
	]);
	const labels = viewLabels(locals.locale, query);
	const block =
		dashboard.summary && dashboard.block
			? blockLabel(locals.locale, dashboard.block.kind)
			: undefined;
	return {
		query,
		unit,
		parent: parent && inScope(scope, parent.code) ? parent : null,
		instrument: { code: instrument.code, version: instrument.version, title: instrument.title },
		dashboard,
		publication,
		mayPublish: !!locals.user && mayPublish(locals.user, scope, unit.code),
		options,
		labels,
		summary: block ? summarySentences(locals.locale, dashboard.summary!, { ...labels, block }) : [],
		// Where the unit stands among its peers (the province's block of its kind).
		standing: standing && standingText(locals.locale, unit.name, standing)
	};
}
