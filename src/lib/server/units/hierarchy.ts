import { allowedParentKinds, type Unit, type UnitInput } from '$lib/survey/units';
import { formatDay } from '$lib/i18n';
import type { FieldIssue } from '$lib/survey/issues';
import { dayBefore, nextDay, type PastVersion } from '$lib/survey/timeline';

export type UnitNode = Pick<Unit, 'code' | 'kind' | 'parentCode'>;

/**
 * What is wrong with placing `unit` in the tree `all` (which may already hold an older
 * version of it): a missing or ill-kinded parent, a cycle, an unknown successor.
 */
export function hierarchyProblems(
	all: ReadonlyMap<string, UnitNode>,
	unit: UnitInput
): FieldIssue[] {
	const problems: FieldIssue[] = [];
	if (unit.parentCode && unit.parentCode !== unit.code) {
		const parent = all.get(unit.parentCode);
		if (!parent) {
			problems.push({
				field: 'parentCode',
				key: 'unit.error.parentMissing',
				params: { code: unit.parentCode }
			});
		} else if (!allowedParentKinds[unit.kind].includes(parent.kind)) {
			problems.push({
				field: 'parentCode',
				key: 'unit.error.parentKind',
				params: { kind: unit.kind, parentKind: parent.kind }
			});
		} else {
			// Walk up from the new parent: meeting this unit again means a cycle.
			const seen = new Set<string>();
			for (
				let at: UnitNode | undefined = parent;
				at;
				at = at.parentCode ? all.get(at.parentCode) : undefined
			) {
				if (at.code === unit.code || seen.has(at.code)) {
					problems.push({
						field: 'parentCode',
						key: 'unit.error.cycle',
						params: { code: unit.parentCode }
					});
					break;
				}
				seen.add(at.code);
			}
		}
	}
	for (const code of unit.successorCodes) {
		if (!all.has(code)) {
			problems.push({
				field: 'successorCodes',
				key: 'unit.error.successorMissing',
				params: { code }
			});
		}
	}
	for (const code of unit.predecessorCodes) {
		if (code === unit.code) {
			problems.push({ field: 'predecessorCodes', key: 'unit.error.ownPredecessor' });
		} else if (!all.has(code)) {
			problems.push({
				field: 'predecessorCodes',
				key: 'unit.error.predecessorMissing',
				params: { code }
			});
		}
	}
	return problems;
}

/**
 * The version a change keeps: with `changedFrom`, the stored name and parent up to the day
 * before, so that the periods before it still see the tree as it stood (a commune moved to
 * its new parent on 1 July 2025 still counts toward its old district before). Nothing to keep
 * without a date, or when the same change is already recorded (a file imported twice).
 */
export function keptVersion(
	before: Pick<Unit, 'name' | 'parentCode' | 'validFrom'> | undefined,
	history: readonly PastVersion[],
	input: UnitInput
): { version?: PastVersion; problems: FieldIssue[] } {
	const from = input.changedFrom;
	if (!from) return { problems: [] };
	const problem = (key: FieldIssue['key'], params?: FieldIssue['params']) => ({
		problems: [{ field: 'changedFrom', key, params }]
	});
	if (!before) return problem('unit.error.changedNew');
	const validTo = dayBefore(from);
	const same = before.name === input.name && before.parentCode === input.parentCode;
	if (same && history.some((v) => v.validTo === validTo)) return { problems: [] };
	if (same) return problem('unit.error.changedNothing');
	const start = input.validFrom ?? before.validFrom;
	if ((start && from <= start) || (input.validTo && from > input.validTo)) {
		return problem('unit.error.changedFromRange');
	}
	const last = history.at(-1)?.validTo;
	if (last && validTo <= last)
		return problem('unit.error.changedFromOrder', { day: formatDay(nextDay(last)) });
	return { version: { validTo, name: before.name, parentCode: before.parentCode }, problems: [] };
}

/**
 * A unit's life must cover the days of its answers: admission refuses an answer outside it,
 * and every figure relies on that (an answer outside its unit's life would count toward no
 * block, yet toward the province's own counters). A late record of the 2025 reorganisation
 * that ends a district before answers it still took is refused here, with the day to use.
 */
export function lifeProblems(
	unit: Pick<UnitInput, 'validFrom' | 'validTo'>,
	answers: { first: string; last: string } | undefined
): FieldIssue[] {
	if (!answers) return [];
	const problems: FieldIssue[] = [];
	if (unit.validFrom && answers.first < unit.validFrom)
		problems.push({
			field: 'validFrom',
			key: 'unit.error.answersBefore',
			params: { day: formatDay(answers.first) }
		});
	if (unit.validTo && answers.last > unit.validTo)
		problems.push({
			field: 'validTo',
			key: 'unit.error.answersAfter',
			params: { day: formatDay(answers.last) }
		});
	return problems;
}

/** Orders units so each parent comes before its children (parents outside the list count as present). */
export function parentsFirst<T extends UnitNode>(list: readonly T[]): T[] {
	const pending = new Map(list.map((unit) => [unit.code, unit]));
	const ordered: T[] = [];
	const visit = (unit: T) => {
		if (!pending.delete(unit.code)) return;
		const parent = unit.parentCode ? pending.get(unit.parentCode) : undefined;
		if (parent) visit(parent);
		ordered.push(unit);
	};
	for (const unit of list) visit(unit);
	return ordered;
}
