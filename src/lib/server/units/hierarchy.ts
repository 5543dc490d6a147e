import { allowedParentKinds, type Unit, type UnitInput } from '$lib/survey/units';
import type { FieldIssue } from '$lib/survey/issues';

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
