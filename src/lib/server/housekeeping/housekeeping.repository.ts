import type { Queryable } from '../db';

/** Sessions past their end: nobody can use them again. */
export async function purgeSessions(q: Queryable): Promise<number> {
	const rows = await q.query('delete from sessions where expires_at <= now() returning 1');
	return rows.length;
}

/** Rate-limit counters whose window (a day at most) ended before `seconds` ago. */
export async function purgeRateLimits(q: Queryable, seconds: number): Promise<number> {
	const rows = await q.query(
		`delete from rate_limits where window_start < now() - make_interval(secs => $1) returning 1`,
		[seconds]
	);
	return rows.length;
}

/**
 * Held answers nobody decided on within `days` of their arrival, by hold reason. They were
 * never counted, so no counter changes; accepted and rejected ones stay, for the audit.
 */
export async function purgeHeld(q: Queryable, days: number): Promise<Record<string, number>> {
	const rows = await q.query<{ reason: string | null }>(
		`delete from responses
		where status = 'held' and received_at < now() - make_interval(days => $1)
		returning hold_reason as reason`,
		[days]
	);
	const byReason: Record<string, number> = {};
	for (const { reason } of rows)
		byReason[reason ?? 'other'] = (byReason[reason ?? 'other'] ?? 0) + 1;
	return byReason;
}
