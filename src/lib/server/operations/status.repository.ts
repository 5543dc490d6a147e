import type { Queryable } from '../db';

export interface Queues {
	held: number;
	heldSince: Date | null;
	quarantined: number;
	quarantinedSince: Date | null;
}

/** The held answers and open quarantine entries, with the oldest of each (partial indexes). */
export async function queues(q: Queryable): Promise<Queues> {
	const [row] = await q.query<Queues>(
		`select (select count(*)::int from responses where status = 'held') as held,
			(select min(received_at) from responses where status = 'held') as "heldSince",
			(select count(*)::int from quarantine where resolution is null) as quarantined,
			(select min(received_at) from quarantine where resolution is null) as "quarantinedSince"`
	);
	return row!;
}

/** The database's size on disk now, in bytes. */
export async function size(q: Queryable): Promise<number> {
	const [row] = await q.query<{ bytes: string }>(
		'select pg_database_size(current_database())::text as bytes'
	);
	return Number(row!.bytes);
}

/** Notes today's size (once a day is kept: the last note of the day). */
export async function recordSize(q: Queryable): Promise<void> {
	await q.query(
		`insert into database_sizes (day, bytes)
		values (current_date, pg_database_size(current_database()))
		on conflict (day) do update set bytes = excluded.bytes`
	);
}

/** The size noted on `day` or the nearest day before it. */
export async function sizeOn(
	q: Queryable,
	day: string
): Promise<{ day: string; bytes: number } | null> {
	const [row] = await q.query<{ day: string; bytes: string }>(
		`select day::text as day, bytes::text as bytes from database_sizes
		where day <= $1::date order by day desc limit 1`,
		[day]
	);
	return row ? { day: row.day, bytes: Number(row.bytes) } : null;
}
