import type { DashboardQuery } from '$lib/survey/dashboard';
import type { Instrument } from '$lib/survey/instruments';
import type { Unit, UnitKind } from '$lib/survey/units';
import type { Queryable } from '../db';
import { rankBlock, type Ranking } from '../dashboard/aggregates';
import * as units from '../units/units.repository';
import * as publications from './publications.repository';

/** Where a unit stands in its province's block of its kind. */
export interface Standing {
	kind: UnitKind;
	rank: number;
	/** Units ranked in the block. */
	of: number;
	/** Index points behind the block's leader (0 for the leader). */
	behind: number;
	/** Read from the province's publication of the period, not from the live figures. */
	published: boolean;
}

/**
 * A unit's rank among its peers (the province's block of its kind, as announcements rank
 * them) and its distance to the leader, for the unit's own dashboard: its people see where
 * they stand without seeing the block, which lies outside their scope. When the province
 * published the period (default view: all channels and fields, the default comparison, no
 * `live=1`), the published ranking answers, so that the line never contradicts the
 * announcement; otherwise the live one.
 */
export async function standingOf(
	q: Queryable,
	query: DashboardQuery,
	unit: Unit,
	instrument: Instrument
): Promise<Standing | null> {
	let province = unit;
	while (province.kind !== 'province' && province.parentCode) {
		const parent = await units.get(q, province.parentCode);
		if (!parent) return null;
		province = parent;
	}
	if (province.code === unit.code) return null;
	const ranking =
		(await publishedRanking(q, query, province.code, unit.kind)) ??
		(
			await rankBlock(q, {
				instrument,
				channel: query.channel,
				field: query.field,
				clean: query.clean,
				parent: province.code,
				kind: unit.kind,
				period: query.reading
			})
		).ranking;
	const ranked = ranking.rows.filter((r) => r.rank !== null && r.index !== null);
	const mine = ranked.find((r) => r.unit.code === unit.code);
	if (!mine) return null;
	const leader = Math.max(...ranked.map((r) => r.index!));
	return {
		kind: unit.kind,
		rank: mine.rank!,
		of: ranked.length,
		behind: leader - mine.index!,
		published: 'parent' in ranking
	};
}

async function publishedRanking(
	q: Queryable,
	query: DashboardQuery,
	province: string,
	kind: UnitKind
): Promise<(Ranking & { parent: string }) | null> {
	if (query.channel || query.field || !query.compareDefault || query.live) return null;
	const publication = await publications.current(q, {
		unit: province,
		instrument: query.instrument,
		...query.reading
	});
	if (!publication || publication.clean !== query.clean) return null;
	const snapshot = await publications.snapshot(q, publication.id);
	return snapshot?.rankings.find((r) => r.kind === kind) ?? null;
}
