import type { Unit } from './units';

export interface TreeRow {
	unit: Unit;
	depth: number;
}

/**
 * Flattens units into display order: each unit followed by its children (by Vietnamese
 * alphabetical order), indented by depth.
 * Units whose parent is not in the list (outside the caller's scope) start their own branch.
 */
const byName = new Intl.Collator('vi').compare;

export function treeRows(list: readonly Unit[]): TreeRow[] {
	const codes = new Set(list.map((u) => u.code));
	const children = new Map<string | null, Unit[]>();
	for (const unit of list) {
		const key = unit.parentCode && codes.has(unit.parentCode) ? unit.parentCode : null;
		children.set(key, [...(children.get(key) ?? []), unit]);
	}
	const rows: TreeRow[] = [];
	const walk = (parent: string | null, depth: number) => {
		// Vietnamese order ("Đ" after "D"), not the database's byte order.
		const siblings = [...(children.get(parent) ?? [])].sort((a, b) => byName(a.name, b.name));
		for (const unit of siblings) {
			rows.push({ unit, depth });
			walk(unit.code, depth + 1);
		}
	};
	walk(null, 0);
	return rows;
}
