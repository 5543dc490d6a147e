import type { Problem } from '$lib/survey/problems';
import type { UnitInput } from '$lib/survey/units';
import type { Database, Queryable } from '../db';
import * as audit from '../repositories/audit';
import * as units from '../repositories/units';
import { hierarchyProblems, type UnitNode } from './hierarchy';

export type SaveResult = { ok: true } | { ok: false; problems: Problem[] };

async function tree(q: Queryable): Promise<Map<string, UnitNode>> {
	return new Map((await units.list(q)).map((unit) => [unit.code, unit]));
}

/** Adds a unit after checking its place in the tree. */
export async function create(
	db: Database,
	input: UnitInput,
	actorUserId: string | null
): Promise<SaveResult> {
	return db.transaction(async (tx) => {
		const all = await tree(tx);
		if (all.has(input.code)) {
			return {
				ok: false,
				problems: [{ field: 'code', key: 'unit.error.codeTaken', params: { code: input.code } }]
			};
		}
		const problems = hierarchyProblems(all, input);
		if (problems.length) return { ok: false, problems };
		await units.insert(tx, input);
		await audit.record(tx, {
			actorUserId,
			action: 'unit.create',
			target: input.code,
			details: { ...input }
		});
		return { ok: true };
	});
}

/** Changes a unit (its code stays: stored answers refer to it). */
export async function update(
	db: Database,
	input: UnitInput,
	actorUserId: string | null
): Promise<SaveResult> {
	return db.transaction(async (tx) => {
		const all = await tree(tx);
		const before = await units.get(tx, input.code);
		if (!before) {
			return {
				ok: false,
				problems: [{ field: 'code', key: 'unit.error.notFound', params: { code: input.code } }]
			};
		}
		const problems = hierarchyProblems(all, input);
		if (problems.length) return { ok: false, problems };
		await units.update(tx, input);
		await audit.record(tx, {
			actorUserId,
			action: 'unit.update',
			target: input.code,
			details: { before, after: { ...input } }
		});
		return { ok: true };
	});
}
