import type { UnitInput } from '$lib/survey/units';
import type { Database } from '../db';
import * as audit from '../audit/audit.repository';
import * as dossiers from './dossiers.repository';
import * as units from './units.repository';
import { hierarchyProblems, keptVersion, lifeProblems } from './hierarchy';
import { done, failure, type FormOutcome } from '../outcome';

/** Reads with no rule of their own: the repository's, offered to routes as they are. */
export { count, get, history, list, subtreeCodes } from './units.repository';

/** Saved, or the form fields at fault. */
export type SaveOutcome = FormOutcome<undefined, 'invalid'>;

/**
 * Adds (`create`) or changes (`update`) a unit after checking its place in the whole tree,
 * in one transaction, audited. A unit's code never changes: stored answers refer to it.
 */
async function save(
	db: Database,
	mode: 'create' | 'update',
	input: UnitInput,
	actorUserId: string | null
): Promise<SaveOutcome> {
	return db.transaction(async (tx) => {
		const all = new Map((await units.list(tx)).map((unit) => [unit.code, unit]));
		const before = all.get(input.code);
		if (mode === 'create' && before) {
			const problem = {
				field: 'code',
				key: 'unit.error.codeTaken',
				params: { code: input.code }
			} as const;
			return failure('invalid', { issues: [problem] });
		}
		if (mode === 'update' && !before) {
			const problem = {
				field: 'code',
				key: 'unit.error.notFound',
				params: { code: input.code }
			} as const;
			return failure('invalid', { issues: [problem] });
		}
		const history = (await units.history(tx, [input.code])).get(input.code) ?? [];
		const kept = keptVersion(before, history, input);
		// Only a bounded life can leave answers outside it.
		const bounded = before && (input.validFrom || input.validTo);
		const answers = bounded
			? (await units.answerDays(tx, [input.code])).get(input.code)
			: undefined;
		const problems = [
			...hierarchyProblems(all, input),
			...kept.problems,
			...lifeProblems(input, answers)
		];
		if (problems.length) return failure('invalid', { issues: problems });
		if (kept.version) await units.addVersion(tx, input.code, kept.version);
		await (mode === 'create' ? units.insert(tx, input) : units.update(tx, input));
		await audit.record(tx, {
			actorUserId,
			action: `unit.${mode}`,
			target: input.code,
			details: before ? { before, after: { ...input }, kept: kept.version } : { ...input }
		});
		return done(undefined);
	});
}

export const create = (db: Database, input: UnitInput, actorUserId: string | null) =>
	save(db, 'create', input, actorUserId);

export const update = (db: Database, input: UnitInput, actorUserId: string | null) =>
	save(db, 'update', input, actorUserId);

/** A unit's dossiers by year, newest first: what its dashboards' sample targets come from. */
export const dossiersOf = (db: Database, code: string) => dossiers.list(db, [code]);

/** Sets (or, with null, forgets) the dossiers a unit handled in a year, audited. */
export async function setDossiers(
	db: Database,
	entry: { unit: string; year: number; dossiers: number | null },
	actorUserId: string
): Promise<void> {
	await db.transaction(async (tx) => {
		await dossiers.set(tx, { ...entry, by: actorUserId });
		await audit.record(tx, {
			actorUserId,
			action: 'unit.dossiers',
			target: entry.unit,
			details: { year: entry.year, dossiers: entry.dossiers }
		});
	});
}
