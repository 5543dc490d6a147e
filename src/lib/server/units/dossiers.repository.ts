import { slovinTarget } from '$lib/survey/indices';
import { dossiersIn, type NamedPeriod } from '$lib/survey/periods';
import type { Queryable } from '../db';

/** Dossiers a unit handled in a year: what its Slovin sample target is computed from. */
export interface YearDossiers {
	unit: string;
	year: number;
	dossiers: number;
}

/** The yearly counts of some units. */
export async function list(q: Queryable, unitCodes: readonly string[]): Promise<YearDossiers[]> {
	return q.query<YearDossiers>(
		`select unit_code as unit, year, dossiers from unit_dossiers
		where unit_code = any($1::text[]) order by unit_code, year desc`,
		[unitCodes]
	);
}

/** Sets (or, with null, forgets) a unit's dossiers of a year. */
export async function set(
	q: Queryable,
	entry: { unit: string; year: number; dossiers: number | null; by: string | null }
): Promise<void> {
	if (entry.dossiers === null) {
		await q.query('delete from unit_dossiers where unit_code = $1 and year = $2', [
			entry.unit,
			entry.year
		]);
		return;
	}
	await q.query(
		`insert into unit_dossiers (unit_code, year, dossiers, updated_by) values ($1, $2, $3, $4)
		on conflict (unit_code, year) do update
		set dossiers = excluded.dossiers, updated_by = excluded.updated_by, updated_at = now()`,
		[entry.unit, entry.year, entry.dossiers, entry.by]
	);
}

/** Dossiers in a period and the Slovin sample target they give. */
export interface SampleTarget {
	dossiers: number;
	target: number;
}

/** The sample target of each unit whose dossiers are known for every year of the period. */
export async function targets(
	q: Queryable,
	unitCodes: readonly string[],
	period: Pick<NamedPeriod, 'from' | 'to'>
): Promise<Map<string, SampleTarget>> {
	const perUnit = new Map<string, Map<number, number>>();
	for (const row of await list(q, unitCodes)) {
		const years = perUnit.get(row.unit) ?? new Map<number, number>();
		perUnit.set(row.unit, years.set(row.year, row.dossiers));
	}
	const out = new Map<string, SampleTarget>();
	for (const [unit, years] of perUnit) {
		const dossiers = dossiersIn(period, years);
		if (dossiers !== null) out.set(unit, { dossiers, target: slovinTarget(dossiers) });
	}
	return out;
}
