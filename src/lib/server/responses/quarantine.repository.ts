import type { Issue } from '$lib/survey/issues';
import type { Queryable } from '../db';
import { jsonb } from '../db/jsonb';

/** A refused submission as ingest hands it over. */
export interface Refusal {
	/** Made from the content: the same refusal twice is kept once. */
	id: string;
	responseId: string | null;
	unitCode: string | null;
	batchId: string | null;
	payload: unknown;
	status: 'invalid' | 'conflict';
	issues: Issue[];
	deviceId: string | null;
	userId: string | null;
}

export interface QuarantinedRow extends Omit<Refusal, 'deviceId' | 'userId'> {
	receivedAt: Date;
	/** The kiosk's name or the clerk's username. */
	sender: string | null;
	resolution: 'resubmitted' | 'void' | null;
	resolutionReason: string | null;
	resolvedBy: string | null;
	resolvedAt: Date | null;
}

export async function insert(q: Queryable, refusals: readonly Refusal[]): Promise<void> {
	if (refusals.length === 0) return;
	await q.query(
		`insert into quarantine (id, response_id, unit_code, batch_id, payload, status, issues,
			device_id, user_id)
		select * from unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[], $5::text[]::jsonb[],
			$6::text[], $7::text[]::jsonb[], $8::uuid[], $9::uuid[])
		on conflict (id) do nothing`,
		[
			refusals.map((r) => r.id),
			refusals.map((r) => r.responseId),
			refusals.map((r) => r.unitCode),
			refusals.map((r) => r.batchId),
			refusals.map((r) => jsonb(r.payload ?? null)),
			refusals.map((r) => r.status),
			refusals.map((r) => jsonb(r.issues)),
			refusals.map((r) => r.deviceId),
			refusals.map((r) => r.userId)
		]
	);
}

const columns = `q.id, q.response_id as "responseId", q.unit_code as "unitCode",
	q.batch_id as "batchId", q.payload, q.status, q.issues, q.received_at as "receivedAt",
	coalesce(d.name, u.username) as sender, q.resolution, q.resolution_reason as "resolutionReason",
	r.username as "resolvedBy", q.resolved_at as "resolvedAt"`;
const joins = `from quarantine q
	left join devices d on d.id = q.device_id
	left join users u on u.id = q.user_id
	left join users r on r.id = q.resolved_by`;

/** The quarantine of some units (every unit when `units` is null), open entries first. */
export async function list(
	q: Queryable,
	units: readonly string[] | null,
	options: { open?: boolean; batchId?: string; limit?: number } = {}
): Promise<QuarantinedRow[]> {
	return q.query<QuarantinedRow>(
		`select ${columns} ${joins}
		where ($1::text[] is null or q.unit_code = any($1::text[]))
			and (not $2 or q.resolution is null)
			and ($3::uuid is null or q.batch_id = $3)
		order by q.resolution nulls first, q.received_at desc
		limit $4`,
		[units, options.open ?? false, options.batchId ?? null, options.limit ?? 1000]
	);
}

export function get(q: Queryable, id: string): Promise<QuarantinedRow[]> {
	return q.query<QuarantinedRow>(`select ${columns} ${joins} where q.id = $1`, [id]);
}

export async function resolve(
	q: Queryable,
	id: string,
	resolution: 'resubmitted' | 'void',
	reason: string | null,
	userId: string
): Promise<void> {
	await q.query(
		`update quarantine set resolution = $2, resolution_reason = $3, resolved_by = $4,
			resolved_at = now()
		where id = $1 and resolution is null`,
		[id, resolution, reason, userId]
	);
}

/**
 * Closes open entries whose response has now been stored (a form fixed on the clerk's
 * computer and sent again with its id): the quarantine shows it resubmitted.
 */
export async function resolveStored(
	q: Queryable,
	responseIds: readonly string[],
	userId: string | null
): Promise<void> {
	if (responseIds.length === 0) return;
	await q.query(
		`update quarantine set resolution = 'resubmitted', resolved_by = $2, resolved_at = now()
		where response_id = any($1::text[]) and resolution is null`,
		[responseIds, userId]
	);
}
