import type { AnswerValue } from '$lib/survey/responses';
import type { Mismatch } from '$lib/survey/verification';
import type { Queryable } from '../db';
import { jsonb } from '../db/jsonb';

/** The second keying of one sampled form. */
export interface Verification {
	serial: string;
	answers: Record<string, AnswerValue>;
	mismatches: Mismatch[];
	decisions: Record<string, 'first' | 'second'>;
	enteredBy: string;
	enteredAt: Date;
}

export async function insert(
	q: Queryable,
	row: {
		batchId: string;
		serial: string;
		answers: Record<string, AnswerValue>;
		mismatches: Mismatch[];
		userId: string;
	}
): Promise<boolean> {
	const inserted = await q.query(
		`insert into verifications (batch_id, serial, answers, mismatches, entered_by)
		values ($1, $2, $3::text::jsonb, $4::text::jsonb, $5)
		on conflict do nothing returning serial`,
		[row.batchId, row.serial, jsonb(row.answers), jsonb(row.mismatches), row.userId]
	);
	return inserted.length > 0;
}

/** Every second keying of a batch, in serial order. */
export async function list(q: Queryable, batchId: string): Promise<Verification[]> {
	return q.query<Verification>(
		`select v.serial, v.answers, v.mismatches, v.decisions, u.username as "enteredBy",
			v.entered_at as "enteredAt"
		from verifications v join users u on u.id = v.entered_by
		where v.batch_id = $1
		order by length(v.serial), v.serial`,
		[batchId]
	);
}

export async function getForUpdate(
	q: Queryable,
	batchId: string,
	serial: string
): Promise<Verification | undefined> {
	const [row] = await q.query<Verification>(
		`select serial, answers, mismatches, decisions, entered_by as "enteredBy",
			entered_at as "enteredAt"
		from verifications where batch_id = $1 and serial = $2 for update`,
		[batchId, serial]
	);
	return row;
}

export async function setDecisions(
	q: Queryable,
	batchId: string,
	serial: string,
	decisions: Record<string, 'first' | 'second'>
): Promise<void> {
	await q.query(
		'update verifications set decisions = $3::text::jsonb where batch_id = $1 and serial = $2',
		[batchId, serial, jsonb(decisions)]
	);
}
