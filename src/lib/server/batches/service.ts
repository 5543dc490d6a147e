import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { today } from '$lib/survey/days';
import { plainText } from '$lib/survey/text';
import { isCurrent, parseDate } from '$lib/survey/units';
import { mayEnterFor } from '../auth/scope';
import type { Database, Queryable } from '../db';
import * as audit from '../audit/audit.repository';
import * as batches from './batches.repository';
import * as instruments from '../instruments/instruments.repository';
import * as units from '../units/units.repository';
import type { User } from '../people/users.repository';
import { isUuid } from '../ids';
import { done, failure, invalidField, type FormOutcome, type Outcome } from '../outcome';

/** Reads with no rule of their own: the repository's, offered to routes as they are. */
export { enteredBy, forms, list, takenSerials } from './batches.repository';

const day = (key: 'batch.error.start' | 'batch.error.end') =>
	z
		.string()
		.transform(
			(text, ctx) => parseDate(text) ?? (ctx.addIssue({ code: 'custom', message: key }), '')
		);

/** What staff give to open a batch. Messages are i18n keys. */
export const batchInput = z
	.object({
		unit: z.string().trim().min(1, 'batch.error.unit').max(32, 'batch.error.unit'),
		instrument: z
			.string()
			.trim()
			.min(1, 'batch.error.instrument')
			.max(64, 'batch.error.instrument'),
		label: plainText(80, 'batch.error.label').pipe(z.string().min(1, 'batch.error.label')),
		periodStart: day('batch.error.start'),
		periodEnd: day('batch.error.end'),
		expected: z.coerce
			.number('batch.error.expected')
			.int('batch.error.expected')
			.min(1, 'batch.error.expected')
			.max(100_000, 'batch.error.expected'),
		verifyPercent: z.coerce
			.number('batch.error.verify')
			.int('batch.error.verify')
			.min(0, 'batch.error.verify')
			.max(100, 'batch.error.verify'),
		verifySerials: z
			.string()
			.max(4000, 'batch.error.verifySerials')
			.transform((text) => [...new Set(text.split(/[\s,;]+/).filter(Boolean))])
			.pipe(
				z
					.array(z.string().max(40, 'batch.error.verifySerials'))
					.max(500, 'batch.error.verifySerials')
			)
	})
	.refine((b) => !b.periodStart || !b.periodEnd || b.periodEnd >= b.periodStart, {
		path: ['periodEnd'],
		message: 'batch.error.order'
	});
export type BatchInput = z.output<typeof batchInput>;

/** The new batch's id, or why not (`invalid`: the field at fault in `issues`). */
export type CreateOutcome = FormOutcome<string, 'forbidden' | 'invalid'>;

/** Opens a batch for a unit the person may enter answers for. */
export function createBatch(db: Database, input: BatchInput, user: User): Promise<CreateOutcome> {
	return db.transaction(async (tx) => {
		if (!mayEnterFor(user, input.unit)) return failure('forbidden');
		const unit = await units.get(tx, input.unit);
		if (!unit || !isCurrent(unit, today())) return invalidField('unit', 'batch.error.unit');
		const instrument = await instruments.latest(tx, input.instrument);
		if (!instrument) return invalidField('instrument', 'batch.error.instrument');
		if (await batches.labelTaken(tx, input.unit, input.label))
			return invalidField('label', 'batch.error.labelTaken');
		const id = randomUUID();
		await batches.insert(tx, {
			id,
			unitCode: input.unit,
			instrumentCode: input.instrument,
			label: input.label,
			periodStart: input.periodStart,
			periodEnd: input.periodEnd,
			expected: input.expected,
			verifyPercent: input.verifyPercent,
			verifySerials: input.verifySerials,
			createdBy: user.id
		});
		await audit.record(tx, {
			actorUserId: user.id,
			action: 'batch.create',
			target: id,
			details: { ...input }
		});
		return done(id);
	});
}

/** A batch for someone who may enter answers for its unit: 404 when unknown, 403 otherwise. */
export async function batchFor(
	q: Queryable,
	id: string,
	user: User
): Promise<Outcome<batches.Batch, 'batchNotFound' | 'forbidden'>> {
	const batch = isUuid(id) ? await batches.get(q, id) : undefined;
	if (!batch) return failure('batchNotFound');
	return mayEnterFor(user, batch.unitCode) ? done(batch) : failure('forbidden');
}
