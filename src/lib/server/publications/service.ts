import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { today } from '$lib/survey/days';
import { unitCode } from '$lib/survey/units';
import type { Database, Queryable } from '../db';
import * as audit from '../audit/audit.repository';
import { inScope, type Scope } from '../auth/scope';
import { latestInstrument } from '../instruments/service';
import { isoDay } from '../dashboard/queries';
import type { User } from '../people/users.repository';
import * as units from '../units/units.repository';
import { done, failure, type Outcome } from '../outcome';
import * as publications from './publications.repository';
import { buildSnapshot, type Snapshot } from './snapshot';

export type { Publication } from './publications.repository';

/**
 * Published results (chốt số liệu). An admin, or a manager for a unit of their subtree,
 * freezes the figures of a unit, questionnaire and period under the number of the decision
 * that announces them. The snapshot is computed by the live code at that moment and stored;
 * from then on the dashboard and its exports for that scope and period show it, and the live
 * figures stay one click away. Publishing again needs a reason and adds a row: the earlier
 * snapshot stays, superseded, for whoever asks what was announced before.
 */

export const publishInput = z
	.object({
		unit: unitCode,
		instrument: z.string().min(1).max(64),
		from: isoDay,
		to: isoDay,
		reference: z.string().trim().min(1, 'required').max(200),
		reason: z
			.string()
			.trim()
			.max(1000)
			.optional()
			.transform((v) => v || undefined),
		flagged: z.enum(['include', 'exclude']).default('include')
	})
	.refine((v) => v.from <= v.to, { path: ['to'], message: 'ends before it starts' });
export type PublishInput = z.input<typeof publishInput>;

export type PublishOutcome = Outcome<
	publications.Publication,
	| 'forbidden'
	| 'outOfScope'
	| 'unitNotFound'
	| 'instrumentNotFound'
	| 'periodOpen'
	| 'republishReason'
	| 'publicationRaced'
>;

/** Whether `user` may publish the figures of `unit`: an admin, or a manager above or at it. */
export function mayPublish(user: User, scope: Scope, unit: string): boolean {
	return user.role === 'admin' || (user.role === 'manager' && inScope(scope, unit));
}

export async function publish(
	db: Database,
	input: z.output<typeof publishInput>,
	user: User,
	scope: Scope
): Promise<PublishOutcome> {
	if (user.role !== 'admin' && user.role !== 'manager') return failure('forbidden');
	if (!mayPublish(user, scope, input.unit)) return failure('outOfScope');
	const unit = await units.get(db, input.unit);
	if (!unit) return failure('unitNotFound', { params: { code: input.unit } });
	const instrument = await latestInstrument(db, input.instrument);
	if (!instrument?.parts.some((p) => p.indexed))
		return failure('instrumentNotFound', { params: { code: input.instrument } });
	// Figures are announced after the period: a period still running would move under them.
	if (input.to >= today())
		return failure('periodOpen', { params: { from: input.from, to: input.to } });
	const clean = input.flagged === 'exclude';
	const scopeKey = { unit: unit.code, instrument: instrument.code, from: input.from, to: input.to };
	try {
		return await db.transaction(async (tx) => {
			const earlier = await publications.current(tx, scopeKey, true);
			if (earlier && !input.reason)
				return failure('republishReason', { params: { reference: earlier.reference } });
			const snapshot = await buildSnapshot(tx, {
				unit,
				instrument,
				from: input.from,
				to: input.to,
				clean
			});
			const id = randomUUID();
			const row = {
				...scopeKey,
				id,
				clean,
				reference: input.reference,
				reason: earlier ? input.reason! : null,
				supersedes: earlier?.id ?? null
			};
			await publications.insert(tx, { ...row, by: user.id, snapshot });
			await audit.record(tx, {
				actorUserId: user.id,
				action: 'publication.publish',
				target: id,
				details: {
					...scopeKey,
					clean,
					reference: row.reference,
					reason: row.reason,
					supersedes: row.supersedes
				}
			});
			return done((await publications.get(tx, id))!);
		});
	} catch (error) {
		// Another publisher's row for the same scope went in first (a unique index said so).
		if ((error as { code?: string }).code === '23505') return failure('publicationRaced');
		throw error;
	}
}

/** The publications of a unit's subtree visible in `scope`, newest first, with what moved since. */
export async function listFor(
	q: Queryable,
	unit: string
): Promise<(publications.Publication & { current: boolean; since: Changes })[]> {
	const subtree = await units.subtreeCodes(q, unit);
	const rows = await publications.list(q, subtree);
	const superseded = new Set(rows.map((row) => row.supersedes).filter(Boolean));
	// Each published unit's subtree read once, however often it was published.
	const subtrees = new Map<string, Promise<string[]>>();
	const subtreeOf = (code: string) => {
		if (!subtrees.has(code)) subtrees.set(code, units.subtreeCodes(q, code));
		return subtrees.get(code)!;
	};
	return Promise.all(
		rows.map(async (row) => ({
			...row,
			current: !superseded.has(row.id),
			since: await changesSince(q, row, await subtreeOf(row.unit))
		}))
	);
}

export interface Changes {
	/** Answers received after publication (late), in the published scope and period. */
	late: number;
	/** Answers that were in the figures and were corrected or voided after publication. */
	corrected: number;
}

/** What moved in a publication's scope and period since it was published. */
export async function changesSince(
	q: Queryable,
	publication: publications.Publication,
	subtree?: readonly string[]
): Promise<Changes> {
	return publications.changedSince(q, {
		units: subtree ?? (await units.subtreeCodes(q, publication.unit)),
		instrument: publication.instrument,
		from: publication.from,
		to: publication.to,
		since: publication.publishedAt
	});
}

/** A publication with its frozen figures, when the caller's scope holds its unit. */
export async function getFor(
	q: Queryable,
	id: string,
	scope: Scope
): Promise<
	Outcome<
		{ publication: publications.Publication; snapshot: Snapshot },
		'publicationNotFound' | 'outOfScope'
	>
> {
	if (!z.uuid().safeParse(id).success) return failure('publicationNotFound');
	const publication = await publications.get(q, id);
	if (!publication) return failure('publicationNotFound');
	if (!inScope(scope, publication.unit))
		return failure('outOfScope', { params: { code: publication.unit } });
	return done({ publication, snapshot: (await publications.snapshot(q, id))! });
}
