import type { Queryable } from '../db';
import { jsonb } from '../db/jsonb';
import type { Snapshot } from './snapshot';

/** Published results (migration 0009): rows are only ever added. */

export interface Publication {
	id: string;
	unit: string;
	instrument: string;
	from: string;
	to: string;
	clean: boolean;
	reference: string;
	reason: string | null;
	supersedes: string | null;
	publishedBy: { id: string; name: string };
	publishedAt: Date;
}

const columns = `p.id, p.unit_code as unit, p.instrument_code as instrument,
	to_char(p.period_from, 'YYYY-MM-DD') as "from", to_char(p.period_to, 'YYYY-MM-DD') as "to",
	p.clean, p.reference, p.reason, p.supersedes, p.published_at as "publishedAt",
	json_build_object('id', u.id, 'name', coalesce(nullif(u.display_name, ''), u.username)) as "publishedBy"`;
const from = 'from publications p join users u on u.id = p.published_by';

export async function insert(
	q: Queryable,
	row: Omit<Publication, 'publishedBy' | 'publishedAt'> & { by: string; snapshot: Snapshot }
): Promise<void> {
	await q.query(
		`insert into publications (id, unit_code, instrument_code, period_from, period_to, clean,
			reference, reason, supersedes, published_by, snapshot)
		values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::text::jsonb)`,
		[
			row.id,
			row.unit,
			row.instrument,
			row.from,
			row.to,
			row.clean,
			row.reference,
			row.reason,
			row.supersedes,
			row.by,
			jsonb(row.snapshot)
		]
	);
}

export async function get(q: Queryable, id: string): Promise<Publication | undefined> {
	const [row] = await q.query<Publication>(`select ${columns} ${from} where p.id = $1`, [id]);
	return row;
}

/** The frozen figures of a publication. */
export async function snapshot(q: Queryable, id: string): Promise<Snapshot | undefined> {
	const [row] = await q.query<{ snapshot: Snapshot }>(
		'select snapshot from publications where id = $1',
		[id]
	);
	return row?.snapshot;
}

/** The publications of some units, newest first. */
export async function list(q: Queryable, units: readonly string[]): Promise<Publication[]> {
	return q.query<Publication>(
		`select ${columns} ${from} where p.unit_code = any($1::text[])
		order by p.published_at desc, p.id`,
		[units]
	);
}

/**
 * The publication in force for a scope and period: the newest, which supersedes the others.
 * Locked when asked inside a transaction that is about to publish again.
 */
export async function current(
	q: Queryable,
	scope: { unit: string; instrument: string; from: string; to: string },
	forUpdate = false
): Promise<Publication | undefined> {
	const [row] = await q.query<Publication>(
		`select ${columns} ${from}
		where p.unit_code = $1 and p.instrument_code = $2 and p.period_from = $3 and p.period_to = $4
		order by p.published_at desc, p.id limit 1 ${forUpdate ? 'for update of p' : ''}`,
		[scope.unit, scope.instrument, scope.from, scope.to]
	);
	return row;
}

/**
 * What moved in a published scope after publication: answers received later (late), and
 * answers corrected or voided later, counted over the units given.
 */
export async function changedSince(
	q: Queryable,
	scope: { units: readonly string[]; instrument: string; from: string; to: string; since: Date }
): Promise<{ late: number; corrected: number }> {
	const [row] = await q.query<{ late: number; corrected: number }>(
		`select count(*) filter (where received_at > $5)::int as late,
			count(*) filter (where received_at <= $5 and (edited_at > $5 or voided_at > $5))::int as corrected
		from responses
		where unit_code = any($1::text[]) and instrument_code = $2 and day between $3 and $4
			and status <> 'rejected' and (received_at > $5 or edited_at > $5 or voided_at > $5)`,
		[scope.units, scope.instrument, scope.from, scope.to, scope.since]
	);
	return row ?? { late: 0, corrected: 0 };
}
