import type { DatedUnit, PastVersion } from '$lib/survey/timeline';
import type { Unit, UnitInput } from '$lib/survey/units';
import type { Queryable } from '../db';

const columns = `code, name, kind, parent_code as "parentCode", valid_from as "validFrom",
	valid_to as "validTo", successor_codes as "successorCodes",
	predecessor_codes as "predecessorCodes"`;

/** Every unit, or only those whose code is in `codes`; parents before children, then by name. */
export async function list(q: Queryable, codes?: readonly string[]): Promise<Unit[]> {
	const where = codes ? 'where code = any($1::text[])' : '';
	return q.query<Unit>(
		`select ${columns} from units ${where}
		order by array_position(array['province','department','district','commune'], kind), name, code`,
		codes ? [codes] : []
	);
}

export async function get(q: Queryable, code: string): Promise<Unit | undefined> {
	const [unit] = await q.query<Unit>(`select ${columns} from units where code = $1`, [code]);
	return unit;
}

/**
 * The codes of `root` and every unit that is or ever was below it, and of the units it or
 * they were formed from (a merged province's predecessors and all below them): whatever a
 * figure of `root` may count on some day (`Timeline.attribution` picks the days).
 */
export async function subtreeCodes(q: Queryable, root: string): Promise<string[]> {
	const rows = await q.query<{ code: string }>(
		`with recursive links (parent, child) as (
			select parent_code, code from units where parent_code is not null
			union select parent_code, unit_code from unit_versions where parent_code is not null
			union select code, unnest(predecessor_codes) from units
			union select unnest(successor_codes), code from units
		), tree as (
			select code from units where code = $1
			union
			select l.child from links l join tree t on l.parent = t.code
		) select code from tree where code in (select code from units)`,
		[root]
	);
	return rows.map((row) => row.code);
}

/** Every unit with its earlier versions: the tree through time. */
export async function listDated(q: Queryable): Promise<DatedUnit[]> {
	const [all, versions] = await Promise.all([list(q), history(q)]);
	return all.map((unit) => ({ ...unit, history: versions.get(unit.code) ?? [] }));
}

/** The earlier names and parents of units (all, or those in `codes`), oldest first. */
export async function history(
	q: Queryable,
	codes?: readonly string[]
): Promise<Map<string, PastVersion[]>> {
	const rows = await q.query<PastVersion & { code: string }>(
		`select unit_code as code, valid_to as "validTo", name,
			parent_code as "parentCode"
		from unit_versions ${codes ? 'where unit_code = any($1::text[])' : ''}
		order by unit_code, valid_to`,
		codes ? [codes] : []
	);
	const out = new Map<string, PastVersion[]>();
	for (const { code, ...version } of rows) out.set(code, [...(out.get(code) ?? []), version]);
	return out;
}

/** Keeps a unit's name and parent as they were up to `validTo` (it is about to change). */
export async function addVersion(q: Queryable, code: string, version: PastVersion): Promise<void> {
	await q.query(
		`insert into unit_versions (unit_code, valid_to, name, parent_code) values ($1, $2, $3, $4)`,
		[code, version.validTo, version.name, version.parentCode]
	);
}

export async function count(q: Queryable): Promise<number> {
	const [row] = await q.query<{ n: number }>('select count(*)::int as n from units');
	return row?.n ?? 0;
}

const values = (unit: UnitInput) => [
	unit.code,
	unit.name,
	unit.kind,
	unit.parentCode,
	unit.validFrom,
	unit.validTo,
	unit.successorCodes,
	unit.predecessorCodes
];

export async function insert(q: Queryable, unit: UnitInput): Promise<void> {
	await q.query(
		`insert into units (code, name, kind, parent_code, valid_from, valid_to, successor_codes,
			predecessor_codes)
		values ($1, $2, $3, $4, $5, $6, $7::text[], $8::text[])`,
		values(unit)
	);
}

export async function update(q: Queryable, unit: UnitInput): Promise<void> {
	await q.query(
		`update units set name = $2, kind = $3, parent_code = $4, valid_from = $5, valid_to = $6,
			successor_codes = $7::text[], predecessor_codes = $8::text[], updated_at = now()
		where code = $1`,
		values(unit)
	);
}

/** Inserts a batch of units in order (parents first), one statement per unit. */
export async function insertMany(q: Queryable, units: readonly UnitInput[]): Promise<void> {
	for (const unit of units) await insert(q, unit);
}

/**
 * The first and last day of each unit's answers (valid or held: a held one may yet count),
 * for the units in `codes` that have any: a unit's life must cover them (`lifeProblems`).
 * Two probes of the (unit, day) index a unit.
 */
export async function answerDays(
	q: Queryable,
	codes: readonly string[]
): Promise<Map<string, { first: string; last: string }>> {
	if (codes.length === 0) return new Map();
	const rows = await q.query<{ code: string; first: string; last: string }>(
		`select u.code, f.day as first, l.day as last
		from unnest($1::text[]) as u (code),
			lateral (select day from responses where unit_code = u.code
				and status in ('valid', 'held') order by day limit 1) as f,
			lateral (select day from responses where unit_code = u.code
				and status in ('valid', 'held') order by day desc limit 1) as l`,
		[codes]
	);
	return new Map(rows.map(({ code, ...days }) => [code, days]));
}
