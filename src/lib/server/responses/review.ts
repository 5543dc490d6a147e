import { z } from 'zod';
import { mayReview, scopeOf } from '../auth/scope';
import type { Database } from '../db';
import * as audit from '../audit/audit.repository';
import * as held from './held.repository';
import * as rollups from './rollups.repository';
import type { User } from '../people/users.repository';
import { instrumentFor } from '../instruments/service';
import { done, failure, type Outcome } from '../outcome';

export const reviewInput = z.object({
	ids: z.array(z.uuid()).min(1, 'held.error.none').max(500),
	decision: z.enum(['accept', 'reject'])
});
export type ReviewInput = z.output<typeof reviewInput>;

/** How many answers were decided, or the first id that stopped them all (in `params.id`). */
export type ReviewOutcome = Outcome<number, 'notHeld' | 'forbidden'>;

/**
 * Accepts held responses (they enter the counters, in the same transaction) or rejects them
 * (kept, never counted). Only a reviewer above the unit decides (`mayReview`). All or
 * nothing: one id that is not held, or outside the reviewer's reach, changes nothing.
 */
export function reviewHeld(db: Database, input: ReviewInput, user: User): Promise<ReviewOutcome> {
	const ids = [...new Set(input.ids)];
	return db.transaction(async (tx) => {
		const scope = await scopeOf(tx, { user });
		const rows = await held.getManyForUpdate(tx, ids);
		const found = new Map(rows.map((row) => [row.id, row]));
		for (const id of ids) {
			const row = found.get(id);
			if (!row || row.status !== 'held') return failure('notHeld', { params: { id } });
			if (!mayReview(user, scope, row.unit)) return failure('forbidden', { params: { id } });
		}
		if (input.decision === 'accept') {
			const entries = [];
			for (const row of rows) {
				const instrument = (await instrumentFor(tx, row.instrument, row.instrumentVersion))!;
				entries.push({
					row: {
						unit_code: row.unit,
						instrument_code: row.instrument,
						channel: row.channel,
						day: row.day,
						answers: row.answers,
						flags: row.flags
					},
					instrument
				});
			}
			await rollups.count(tx, entries);
		}
		await held.setReviewed(tx, ids, input.decision === 'accept' ? 'valid' : 'rejected', user.id);
		await audit.record(tx, {
			actorUserId: user.id,
			action: `response.${input.decision}`,
			target: ids.length === 1 ? ids[0] : null,
			details: { ids }
		});
		return done(ids.length);
	});
}
