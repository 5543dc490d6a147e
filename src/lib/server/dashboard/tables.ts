import type { ItemResult } from '$lib/survey/indices';
import { indexStructure, itemsOf, levelCount, type Instrument } from '$lib/survey/instruments';
import type { UnitKind } from '$lib/survey/units';
import type { rankBlock } from './aggregates';
import type { Counts } from './counts';
import type { BlockView, ItemRow } from './service';

/** The dashboard's tables, built from the counts and the ranked block. */

/** The items with their answer distribution and the compare period's index. */
export function itemRows(
	instrument: Instrument,
	counts: Counts,
	results: ItemResult[],
	previous: ItemResult[] | undefined
): ItemRow[] {
	const info = new Map(itemsOf(instrument).map((item) => [item.code, item]));
	return results.map((result, i) => {
		const item = info.get(result.code)!;
		const levels = counts.items.get(result.code) ?? {};
		return {
			...result,
			group: item.group,
			text: item.text,
			levels: Array.from({ length: levelCount(item) }, (_, l) => levels[l + 1] ?? 0),
			na: levels[0] ?? 0,
			previousIndex: previous?.[i]?.index ?? null
		};
	});
}

/** A ranked block with the unit × element and unit × item tables (in ranking order). */
export function blockOf(
	kind: UnitKind,
	block: Awaited<ReturnType<typeof rankBlock>>,
	instrument: Instrument,
	leaderStreak: number
): BlockView {
	const codes = itemsOf(instrument)
		.filter((item) => item.indexed)
		.map((item) => item.code);
	const groups = indexStructure(instrument).parts.flatMap((p) => p.groups.map((g) => g.code));
	return {
		kind,
		ranking: block.ranking,
		leaderStreak,
		heatmap: block.ranking.rows.map((row) => {
			const items = new Map(block.members.get(row.unit.code)?.items.map((i) => [i.code, i.index]));
			const unit = block.members.get(row.unit.code);
			return {
				code: row.unit.code,
				name: row.unit.name,
				index: row.index,
				groups: groups.map((code) => unit?.groups.find((g) => g.code === code)?.index ?? null),
				items: codes.map((code) => items.get(code) ?? null)
			};
		})
	};
}
