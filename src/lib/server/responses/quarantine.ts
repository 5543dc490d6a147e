import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { itemsOf, type Instrument } from '$lib/survey/instruments';
import { parseAnswer } from '$lib/survey/interchange';
import type { AnswerValue } from '$lib/survey/responses';
import { mayEnterFor } from '../auth/scope';
import type { Database } from '../db';
import * as audit from '../audit/audit.repository';
import * as quarantine from './quarantine.repository';
import type { User } from '../people/users.repository';
import { ingest } from './ingest';
import { instrumentFor } from '../instruments/service';
import { isUuid } from '../ids';
import { done, failure, type Outcome } from '../outcome';

/** Reads with no rule of their own: the repository's, offered to routes as they are. */
export { list } from './quarantine.repository';

/**
 * The unit's quarantine: what the server refused from kiosks and staff, kept until a person
 * fixes and resubmits it or voids it with a reason. Nothing here is ever deleted.
 */

type Found = Outcome<quarantine.QuarantinedRow, 'quarantineNotFound' | 'forbidden'>;

/** An entry for someone who may enter answers for its unit (admins: also those without one). */
export async function quarantinedFor(db: Database, id: string, user: User): Promise<Found> {
	const [row] = isUuid(id) ? await quarantine.get(db, id) : [];
	if (!row) return failure('quarantineNotFound');
	const allowed = row.unitCode ? mayEnterFor(user, row.unitCode) : user.role === 'admin';
	return allowed ? done(row) : failure('forbidden');
}

/** The payload as a response to fix, when it names a questionnaire the server knows. */
export async function fixable(
	db: Database,
	row: quarantine.QuarantinedRow
): Promise<{ payload: Record<string, unknown>; instrument: Instrument } | undefined> {
	const payload = row.payload;
	if (!payload || typeof payload !== 'object' || Array.isArray(payload)) return undefined;
	const { instrument, instrumentVersion, channel } = payload as Record<string, unknown>;
	if (typeof instrument !== 'string' || typeof instrumentVersion !== 'number') return undefined;
	// Staff fix paper forms only: a kiosk's or a citizen's answer is theirs to give, not a
	// clerk's to rewrite (it can be voided, with a reason).
	if (channel !== 'paper') return undefined;
	const found = await instrumentFor(db, instrument, instrumentVersion);
	return found && { payload: payload as Record<string, unknown>, instrument: found };
}

export const fixInput = z.object({
	serial: z.string().trim().max(40),
	submittedAt: z.string().trim().max(40),
	comment: z.string().max(1000),
	cells: z.record(z.string().max(32), z.string().max(1000))
});

/** The id the fixed response was stored under, or why not. */
export type ResubmitOutcome = Outcome<
	string,
	'quarantineNotFound' | 'forbidden' | 'resolved' | 'unfixable' | 'stillRefused'
>;

/**
 * Sends a fixed copy through ingest as the person fixing it, all or nothing (a refusal
 * stays here with its new reasons instead of making another entry). A conflict gets a new
 * id: its old one belongs to another response.
 */
export async function resubmit(
	db: Database,
	id: string,
	fix: z.output<typeof fixInput>,
	user: User
): Promise<ResubmitOutcome> {
	const found = await quarantinedFor(db, id, user);
	if (!found.ok) return found;
	if (found.value.resolution) return failure('resolved');
	const source = await fixable(db, found.value);
	if (!source) return failure('unfixable');
	const answers: Record<string, AnswerValue> = {};
	for (const item of itemsOf(source.instrument)) {
		const value = parseAnswer(item, fix.cells[item.code] ?? '');
		if (value !== undefined) answers[item.code] = value;
	}
	const { deviceId: _device, deviceSeq: _seq, ...payload } = source.payload;
	const responseId =
		found.value.status === 'invalid' && typeof payload.id === 'string' && isUuid(payload.id)
			? payload.id
			: randomUUID();
	const response = {
		...payload,
		id: responseId,
		answers,
		submittedAt: fix.submittedAt,
		...(fix.serial ? { serial: fix.serial } : { serial: undefined }),
		...(fix.comment.trim() ? { comment: fix.comment } : { comment: undefined })
	};
	const [result] = await ingest(db, [response], { user }, { atomic: true });
	if (result!.status === 'invalid' || result!.status === 'conflict')
		return failure('stillRefused', { issues: result!.issues ?? [] });
	await db.transaction(async (tx) => {
		await quarantine.resolve(tx, id, 'resubmitted', null, user.id);
		await audit.record(tx, {
			actorUserId: user.id,
			action: 'quarantine.resubmit',
			target: id,
			details: { response: responseId }
		});
	});
	return done(responseId);
}

/** Closes an entry without storing it: kept, visible, with the reason. */
export async function voidQuarantined(
	db: Database,
	id: string,
	reason: string,
	user: User
): Promise<Outcome<undefined, 'quarantineNotFound' | 'forbidden' | 'resolved' | 'noReason'>> {
	if (!reason.trim()) return failure('noReason');
	const found = await quarantinedFor(db, id, user);
	if (!found.ok) return found;
	if (found.value.resolution) return failure('resolved');
	await db.transaction(async (tx) => {
		await quarantine.resolve(tx, id, 'void', reason.trim(), user.id);
		await audit.record(tx, {
			actorUserId: user.id,
			action: 'quarantine.void',
			target: id,
			details: { reason: reason.trim() }
		});
	});
	return done(undefined);
}
