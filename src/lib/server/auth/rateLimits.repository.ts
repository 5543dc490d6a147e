import type { Queryable } from '../db';

/**
 * Counts `count` hits (one by default) on `key` in a fixed window of `windowSeconds` and
 * returns the hits so far in the current window. Kept in the database so every app server
 * sees the same count.
 */
export async function hit(
	q: Queryable,
	key: string,
	windowSeconds: number,
	count = 1
): Promise<number> {
	const [row] = await q.query<{ hits: number }>(
		`insert into rate_limits (key, window_start, hits) values ($1, now(), $3)
		on conflict (key) do update set
			hits = case when rate_limits.window_start <= now() - make_interval(secs => $2)
				then $3 else rate_limits.hits + $3 end,
			window_start = case when rate_limits.window_start <= now() - make_interval(secs => $2)
				then now() else rate_limits.window_start end
		returning hits`,
		[key, windowSeconds, count]
	);
	return row?.hits ?? count;
}

/** The hits on `key` in its current window, without counting one. */
export async function peek(q: Queryable, key: string, windowSeconds: number): Promise<number> {
	const [row] = await q.query<{ hits: number }>(
		`select hits from rate_limits
		where key = $1 and window_start > now() - make_interval(secs => $2)`,
		[key, windowSeconds]
	);
	return row?.hits ?? 0;
}

export async function clear(q: Queryable, key: string): Promise<void> {
	await q.query('delete from rate_limits where key = $1', [key]);
}

/** Gives one hit back (a successful sign-in does not count against its address). */
export async function refund(q: Queryable, key: string): Promise<void> {
	await q.query('update rate_limits set hits = greatest(hits - 1, 0) where key = $1', [key]);
}

/** Counters whose window started more than `seconds` ago; returns how many were removed. */
export async function removeOlderThan(q: Queryable, seconds: number): Promise<number> {
	const rows = await q.query(
		`delete from rate_limits where window_start < now() - make_interval(secs => $1) returning 1`,
		[seconds]
	);
	return rows.length;
}
