import type { Unit, UnitInput } from '$lib/survey/units';
import type { Queryable } from '../db';

const columns = `code, name, kind, parent_code as "parentCode", valid_from as "validFrom",
	valid_to as "validTo", successor_codes as "successorCodes"`;

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

/** The codes of `root` and every unit below it, historic ones included. */
export async function subtreeCodes(q: Queryable, root: string): Promise<string[]> {
	const rows = await q.query<{ code: string }>(
		`with recursive tree as (
			select code from units where code = $1
			union
			select u.code from units u join tree t on u.parent_code = t.code
		) select code from tree`,
		[root]
	);
	return rows.map((row) => row.code);
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
	unit.successorCodes
];

export async function insert(q: Queryable, unit: UnitInput): Promise<void> {
	await q.query(
		`insert into units (code, name, kind, parent_code, valid_from, valid_to, successor_codes)
		values ($1, $2, $3, $4, $5, $6, $7::text[])`,
		values(unit)
	);
}

export async function update(q: Queryable, unit: UnitInput): Promise<void> {
	await q.query(
		`update units set name = $2, kind = $3, parent_code = $4, valid_from = $5, valid_to = $6,
			successor_codes = $7::text[], updated_at = now()
		where code = $1`,
		values(unit)
	);
}

/** Inserts a batch of units in order (parents first), one statement per unit. */
export async function insertMany(q: Queryable, units: readonly UnitInput[]): Promise<void> {
	for (const unit of units) await insert(q, unit);
}
