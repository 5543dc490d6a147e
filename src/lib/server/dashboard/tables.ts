import { meanOf, pointChange, rank, type ItemResult } from '$lib/survey/indices';
import { perceptionOf } from '$lib/survey/perception';
import { indexStructure, itemsOf, levelCount, type Instrument } from '$lib/survey/instruments';
import type { UnitKind } from '$lib/survey/units';
import type { rankBlock, UnitIndices } from './aggregates';
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

/**
 * A ranked block with its tables, in ranking order: per element the block's average (the mean
 * of its units' element indices, as the block average is the mean of their SIPAS) against the
 * compare period, each unit's element indices and its rank on each (ranked as published, like
 * SIPAS), and each unit's item indices.
 */
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
	const rows = block.ranking.rows;
	const groupIndex = (unit: UnitIndices | undefined, code: string) =>
		unit?.groups.find((g) => g.code === code)?.index ?? null;
	const column = (from: Map<string, UnitIndices>, code: string) =>
		rows.map((row) => groupIndex(from.get(row.unit.code), code));
	// Per element, each row's rank on it, in row order (`rank` keeps its input's order).
	const ranks = groups.map((code) =>
		rank(
			column(block.members, code).map((value, i) => ({ key: i, value })),
			instrument.rules.rankPrecision
		).map((ranked) => ranked.rank)
	);
	return {
		kind,
		ranking: block.ranking,
		leaderStreak,
		elements: groups.map((code) => {
			const mean = meanOf(column(block.members, code));
			const previousMean = meanOf(column(block.previous, code));
			return { code, mean, previousMean, change: pointChange(previousMean, mean) };
		}),
		heatmap: rows.map((row, r) => {
			const unit = block.members.get(row.unit.code);
			const items = new Map(unit?.items.map((i) => [i.code, i.index]));
			return {
				code: row.unit.code,
				name: row.unit.name,
				index: row.index,
				groups: groups.map((code) => groupIndex(unit, code)),
				groupRanks: ranks.map((ranked) => ranked[r] ?? null),
				perception: perceptionOf(instrument, block.counts.get(row.unit.code)),
				items: codes.map((code) => items.get(code) ?? null)
			};
		})
	};
}
