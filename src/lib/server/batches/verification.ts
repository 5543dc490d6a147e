import { z } from 'zod';
import { checkAnswers, answerValue } from '$lib/survey/responses';
import { mismatches, sampled } from '$lib/survey/verification';
import type { Database } from '../db';
import * as audit from '../audit/audit.repository';
import * as batches from './batches.repository';
import * as verifications from './verifications.repository';
import type { User } from '../people/users.repository';
import { editResponse } from '../responses/corrections';
import { instrumentFor } from '../instruments/service';
import { done, failure, type Outcome } from '../outcome';

/** Reads with no rule of their own: the repository's, offered to routes as they are. */
export { list } from './verifications.repository';

export const verifyBody = z.object({
	serial: z.string().trim().min(1).max(40),
	answers: z.record(z.string().max(32), answerValue)
});

/** How many answers differ from the first keying, or why the keying was refused. */
export type VerifyOutcome = Outcome<
	number,
	'noForm' | 'notSampled' | 'sameClerk' | 'verified' | 'invalid'
>;

/**
 * Stores a second keying of a sampled form and what differs from the first. The second
 * clerk must be someone else, and sees nothing of the first keying, here or in the answer.
 */
export function verifyForm(
	db: Database,
	batch: batches.Batch,
	input: z.output<typeof verifyBody>,
	user: User
): Promise<VerifyOutcome> {
	return db.transaction(async (tx) => {
		const form = await batches.formBySerial(tx, batch.id, input.serial);
		const params = { serial: input.serial };
		if (!form) return failure('noForm', { params });
		if (!sampled(batch, input.serial)) return failure('notSampled', { params });
		if (form.enteredBy === user.id) return failure('sameClerk', { params });
		const instrument = (await instrumentFor(tx, batch.instrumentCode, form.instrumentVersion))!;
		const issues = checkAnswers(instrument, input.answers);
		if (issues.length) return failure('invalid', { issues });
		const found = mismatches(instrument, form.answers, input.answers);
		const stored = await verifications.insert(tx, {
			batchId: batch.id,
			serial: input.serial,
			answers: input.answers,
			mismatches: found,
			userId: user.id
		});
		if (!stored) return failure('verified', { params });
		await audit.record(tx, {
			actorUserId: user.id,
			action: 'batch.verify',
			target: batch.id,
			details: { serial: input.serial, mismatches: found.length }
		});
		return done(found.length);
	});
}

export const decisionInput = z.object({
	serial: z.string().trim().min(1).max(40),
	item: z.string().min(1).max(32),
	pick: z.enum(['first', 'second'])
});

export type DecisionResult = { ok: true } | { ok: false; reason: 'noMismatch' | 'changed' };

/**
 * The supervisor's word on one mismatch, read off the paper: the first keying stands, or
 * the second replaces it in the stored form (an edit with its reason in the audit log, and
 * the counters moved).
 */
export async function decide(
	db: Database,
	batch: batches.Batch,
	input: z.output<typeof decisionInput>,
	user: User
): Promise<DecisionResult> {
	const keying = (await verifications.list(db, batch.id)).find((v) => v.serial === input.serial);
	const mismatch = keying?.mismatches.find((m) => m.item === input.item);
	const form = await batches.formBySerial(db, batch.id, input.serial);
	if (!keying || !mismatch || !form) return { ok: false, reason: 'noMismatch' };
	if (input.pick === 'second') {
		const { [input.item]: _old, ...rest } = form.answers;
		const answers = mismatch.second === null ? rest : { ...rest, [input.item]: mismatch.second };
		const edited = await editResponse(
			db,
			form.id,
			answers,
			`nhập kiểm tra: câu ${input.item} đọc lại trên phiếu giấy`,
			user
		);
		if (!edited.ok) return { ok: false, reason: 'changed' };
	}
	await db.transaction(async (tx) => {
		const locked = (await verifications.getForUpdate(tx, batch.id, input.serial))!;
		await verifications.setDecisions(tx, batch.id, input.serial, {
			...locked.decisions,
			[input.item]: input.pick
		});
	});
	return { ok: true };
}
