import type { Queryable } from '../db';
import { jsonb } from '../db/jsonb';

export interface AuditEntry {
	actorUserId?: string | null;
	actorDeviceId?: string | null;
	action: string;
	target?: string | null;
	details?: Record<string, unknown>;
}

export interface AuditRow extends Required<AuditEntry> {
	id: number;
	at: Date;
	actorName: string | null;
}

export async function record(q: Queryable, entry: AuditEntry): Promise<void> {
	await q.query(
		`insert into audit_log (actor_user_id, actor_device_id, action, target, details)
		values ($1, $2, $3, $4, $5::text::jsonb)`,
		[
			entry.actorUserId ?? null,
			entry.actorDeviceId ?? null,
			entry.action,
			entry.target ?? null,
			jsonb(entry.details ?? {})
		]
	);
}

/** What was done to one target (a response: its edits and voiding), oldest first. */
export async function forTarget(q: Queryable, target: string): Promise<AuditRow[]> {
	return q.query<AuditRow>(
		`select a.id, a.at, a.actor_user_id as "actorUserId", a.actor_device_id as "actorDeviceId",
			a.action, a.target, a.details, u.username as "actorName"
		from audit_log a left join users u on u.id = a.actor_user_id
		where a.target = $1
		order by a.id`,
		[target]
	);
}

/** Which entries a scoped audit view reads. */
export interface AuditFilter {
	/** Units in the reader's scope; null for an admin (everything). */
	units: readonly string[] | null;
	/** One person's (a user id) or one kiosk's (a device id) entries. */
	actor?: string;
	action?: string;
	/** Vietnam days, inclusive. */
	from?: string;
	to?: string;
	limit: number;
}

export interface ScopedAuditRow extends AuditRow {
	/** The unit the entry concerns: the actor's, else the target's (a unit or a response). */
	unit: string | null;
}

const UUID = "'^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'";

/**
 * The entries a reader's scope holds, newest first, with how many match in all: those made
 * by people or kiosks of its units, and those about its units or their responses (an admin's
 * edit of a ward's answer shows to the ward's manager).
 */
export async function search(
	q: Queryable,
	filter: AuditFilter
): Promise<{ rows: ScopedAuditRow[]; total: number }> {
	const where = `($1::text[] is null or un.unit = any($1::text[]))
		and ($2::uuid is null or a.actor_user_id = $2 or a.actor_device_id = $2)
		and ($3::text is null or a.action = $3)
		and ($4::date is null or a.at >= ($4::date::timestamp at time zone 'Asia/Ho_Chi_Minh'))
		and ($5::date is null or a.at < (($5::date + 1)::timestamp at time zone 'Asia/Ho_Chi_Minh'))`;
	const joined = `from audit_log a
		left join users u on u.id = a.actor_user_id
		left join devices d on d.id = a.actor_device_id
		left join responses r
			on a.target ~ ${UUID} and r.id = (case when a.target ~ ${UUID} then a.target::uuid end)
		left join units t on t.code = a.target
		cross join lateral (select coalesce(u.unit_code, d.unit_code, r.unit_code, t.code) as unit) un`;
	const params = [
		filter.units,
		filter.actor ?? null,
		filter.action ?? null,
		filter.from ?? null,
		filter.to ?? null
	];
	const [rows, [count]] = await Promise.all([
		q.query<ScopedAuditRow>(
			`select a.id, a.at, a.actor_user_id as "actorUserId", a.actor_device_id as "actorDeviceId",
				a.action, a.target, a.details,
				coalesce(nullif(u.display_name, ''), u.username, d.name) as "actorName", un.unit
			${joined} where ${where}
			order by a.id desc limit $6`,
			[...params, filter.limit]
		),
		q.query<{ total: number }>(`select count(*)::int as total ${joined} where ${where}`, params)
	]);
	return { rows, total: count?.total ?? 0 };
}

/** The actions recorded, for the filter's list. */
export async function actions(q: Queryable): Promise<string[]> {
	const rows = await q.query<{ action: string }>(
		'select distinct action from audit_log order by action'
	);
	return rows.map((row) => row.action);
}
