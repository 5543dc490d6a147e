import { z } from 'zod';
import { parseDate } from '$lib/survey/units';
import type { Queryable } from '../db';
import type { Scope } from '../auth/scope';
import * as users from '../people/users.repository';
import * as audit from './audit.repository';

/**
 * The audit view of a manager's scope (an admin's: everything): who entered, edited, voided,
 * reviewed, exported or published what, filtered by person, action and dates. The same filter
 * serves the page (the newest rows) and its CSV export (all of them).
 */

const day = z
	.string()
	.refine((text) => text === '' || parseDate(text) === text, 'not a real date')
	.transform((v) => v || undefined);
const blank = z.literal('').transform(() => undefined);

export const auditQuery = z.object({
	actor: z.union([z.uuid(), blank]).optional(),
	action: z.union([z.string().max(64), blank]).optional(),
	from: day.optional(),
	to: day.optional()
});
export type AuditQuery = z.output<typeof auditQuery>;

/** The people whose entries a scope may filter by: those of its units (all, for an admin). */
export async function peopleOf(q: Queryable, scope: Scope) {
	const everyone = await users.list(q);
	return everyone
		.filter((user) => scope.all || (user.unitCode !== null && scope.codes.has(user.unitCode)))
		.map((user) => ({ id: user.id, name: user.displayName || user.username }));
}

export function auditOf(q: Queryable, scope: Scope, query: AuditQuery, limit: number) {
	return audit.search(q, { ...query, units: scope.all ? null : [...scope.codes], limit });
}

export { actions } from './audit.repository';
