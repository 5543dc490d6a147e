import type { Unit } from './units';

export interface TreeRow {
	unit: Unit;
	depth: number;
}

/**
 * Flattens units into display order: each unit followed by its children, indented by depth.
 * Units whose parent is not in the list (outside the caller's scope) start their own branch.
 */
export function treeRows(list: readonly Unit[]): TreeRow[] {
	const codes = new Set(list.map((u) => u.code));
	const children = new Map<string | null, Unit[]>();
	for (const unit of list) {
		const key = unit.parentCode && codes.has(unit.parentCode) ? unit.parentCode : null;
		children.set(key, [...(children.get(key) ?? []), unit]);
	}
	const rows: TreeRow[] = [];
	const walk = (parent: string | null, depth: number) => {
		for (const unit of children.get(parent) ?? []) {
			rows.push({ unit, depth });
			walk(unit.code, depth + 1);
		}
	};
	walk(null, 0);
	return rows;
}
