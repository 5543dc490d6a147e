import type { Instrument } from '$lib/survey/instruments';
import { checkAnswers, type AnswerValue } from '$lib/survey/responses';
import { done, failure, type Outcome } from '../outcome';
import { mayEnterFor } from '../auth/scope';
import type { Database, Queryable } from '../db';
import * as audit from '../audit/audit.repository';
import * as responses from './responses.repository';
import * as rollups from './rollups.repository';
import type { User } from '../people/users.repository';
import { editedFlags } from '$lib/survey/quality';
import { instrumentFor } from '../instruments/service';
import { isUuid } from '../ids';

export type CorrectionOutcome = Outcome<
	undefined,
	'responseNotFound' | 'forbidden' | 'responseVoid' | 'responseHeld' | 'noReason' | 'invalid'
>;

interface Locked {
	tx: Queryable;
	stored: responses.StoredResponse;
	instrument: Instrument;
	/** The counter key fields of the stored response, for moving its counts. */
	row: {
		unit_code: string;
		instrument_code: string;
		channel: responses.StoredResponse['channel'];
		day: string;
	};
}

/**
 * The part every correction shares: a reason, the response locked in a transaction, the
 * caller's right to its unit, and a response that is not void yet.
 */
async function correct(
	db: Database,
	id: string,
	reason: string,
	user: User,
	change: (locked: Locked) => Promise<CorrectionOutcome>
): Promise<CorrectionOutcome> {
	if (!reason.trim()) return failure('noReason');
	if (!isUuid(id)) return failure('responseNotFound');
	return db.transaction(async (tx) => {
		const stored = await responses.getForUpdate(tx, id);
		if (!stored) return failure('responseNotFound');
		if (!mayEnterFor(user, stored.unit)) return failure('forbidden');
		if (stored.status === 'void') return failure('responseVoid');
		// Held and rejected answers are not in the counters: they are reviewed, not corrected.
		if (stored.status !== 'valid') return failure('responseHeld');
		const instrument = (await instrumentFor(tx, stored.instrument, stored.instrumentVersion))!;
		const row = {
			unit_code: stored.unit,
			instrument_code: stored.instrument,
			channel: stored.channel,
			day: stored.day
		};
		return change({ tx, stored, instrument, row });
	});
}

/**
 * Changes the answers of a stored response (staff of its unit or an admin, with a reason).
 * The counters move from the old answers to the new in the same transaction, and the audit
 * log keeps the old values. The content hash stays that of the first submission, so a
 * kiosk resending the original is still a harmless duplicate.
 */
export function editResponse(
	db: Database,
	id: string,
	answers: Record<string, AnswerValue>,
	reason: string,
	user: User
): Promise<CorrectionOutcome> {
	return correct(db, id, reason, user, async ({ tx, stored, instrument, row }) => {
		const issues = checkAnswers(instrument, answers);
		if (issues.length) return failure('invalid', { issues });
		const flags = editedFlags(instrument, stored.flags, answers);
		await rollups.count(tx, [
			{ row: { ...row, answers: stored.answers, flags: stored.flags }, instrument, sign: -1 },
			{ row: { ...row, answers, flags }, instrument }
		]);
		await responses.setAnswers(tx, id, answers, flags);
		await audit.record(tx, {
			actorUserId: user.id,
			action: 'response.edit',
			target: id,
			details: { reason: reason.trim(), before: stored.answers, after: answers }
		});
		return done(undefined);
	});
}

/** Voids a response with a reason: it stays stored and visible as void, and stops counting. */
export function voidResponse(
	db: Database,
	id: string,
	reason: string,
	user: User
): Promise<CorrectionOutcome> {
	return correct(db, id, reason, user, async ({ tx, stored, instrument, row }) => {
		await rollups.count(tx, [
			{ row: { ...row, answers: stored.answers, flags: stored.flags }, instrument, sign: -1 }
		]);
		await responses.setVoid(tx, id, reason.trim());
		await audit.record(tx, {
			actorUserId: user.id,
			action: 'response.void',
			target: id,
			details: { reason: reason.trim() }
		});
		return done(undefined);
	});
}
