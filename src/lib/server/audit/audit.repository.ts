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

/** The newest entries first. */
export async function recent(q: Queryable, limit = 100): Promise<AuditRow[]> {
	return q.query<AuditRow>(
		`select a.id, a.at, a.actor_user_id as "actorUserId", a.actor_device_id as "actorDeviceId",
			a.action, a.target, a.details, coalesce(u.username, d.name) as "actorName"
		from audit_log a
		left join users u on u.id = a.actor_user_id
		left join devices d on d.id = a.actor_device_id
		order by a.id desc limit $1`,
		[limit]
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
