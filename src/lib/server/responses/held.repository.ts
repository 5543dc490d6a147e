import type { AnswerValue } from '$lib/survey/responses';
import type { Queryable } from '../db';
import type { ResponseStatus, StoredResponse } from './responses.repository';

/** The responses table as reviewers and the entry desk read it: held answers, one paper form. */

/** A response held for review, as the review screen lists it. */
export interface HeldResponse {
	id: string;
	unit: string;
	instrument: string;
	receivedAt: Date;
	submittedAt: Date;
	holdReason: string;
	answered: number;
}

/** Held responses of some units (all units when `units` is null), oldest first. */
export async function listHeld(
	q: Queryable,
	units: readonly string[] | null,
	limit = 500
): Promise<HeldResponse[]> {
	return q.query<HeldResponse>(
		`select id, unit_code as unit, instrument_code as instrument, received_at as "receivedAt",
			submitted_at as "submittedAt", hold_reason as "holdReason",
			(select count(*)::int from jsonb_each(answers) a where a.value <> 'null'::jsonb) as answered
		from responses
		where status = 'held' and ($1::text[] is null or unit_code = any($1::text[]))
		order by received_at, id
		limit $2`,
		[units, limit]
	);
}

/** Responses locked for a review decision in this transaction. */
export async function getManyForUpdate(
	q: Queryable,
	ids: readonly string[]
): Promise<StoredResponse[]> {
	return q.query<StoredResponse>(
		`select id, instrument_code as instrument, instrument_version as "instrumentVersion",
			unit_code as unit, channel, day, answers, status, content_hash as "contentHash", flags
		from responses where id = any($1::uuid[]) order by id for update`,
		[ids]
	);
}

/** Records a review decision on held responses. */
export async function setReviewed(
	q: Queryable,
	ids: readonly string[],
	status: 'valid' | 'rejected',
	userId: string
): Promise<void> {
	await q.query(
		`update responses set status = $2, reviewed_by = $3, reviewed_at = now()
		where id = any($1::uuid[])`,
		[ids, status, userId]
	);
}

/** A keyed paper form as the entry screen opens it for a change. */
export interface PaperForm {
	id: string;
	unit: string;
	batchId: string | null;
	serial: string | null;
	day: string;
	answers: Record<string, AnswerValue>;
	comment: string | null;
	status: ResponseStatus;
	voidReason: string | null;
}

export async function paperForm(q: Queryable, id: string): Promise<PaperForm | undefined> {
	const [row] = await q.query<PaperForm>(
		`select id, unit_code as unit, batch_id as "batchId", serial, day, answers, comment, status,
			void_reason as "voidReason"
		from responses where id = $1`,
		[id]
	);
	return row;
}

/**
 * Held answers nobody decided on within `days` of their arrival, removed; returns how many by
 * hold reason. They were never counted, so no counter changes; decided ones stay, for the audit.
 */
export async function removeUndecided(q: Queryable, days: number): Promise<Record<string, number>> {
	const rows = await q.query<{ reason: string }>(
		`delete from responses
		where status = 'held' and received_at < now() - make_interval(days => $1)
		returning coalesce(hold_reason, 'other') as reason`,
		[days]
	);
	const byReason: Record<string, number> = {};
	for (const { reason } of rows) byReason[reason] = (byReason[reason] ?? 0) + 1;
	return byReason;
}
