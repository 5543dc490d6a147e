import type { UnitKind } from '$lib/survey/units';
import type { Period, Ranking, UnitIndices } from './aggregates';

/**
 * The shapes `/api/indices` and `/api/rankings` answer in, and a publication freezes its
 * figures in (`GET /api/publications/:id`): one writer each, so the two cannot drift.
 */

export interface ReadFilter {
	instrument: string;
	from: string;
	to: string;
	channel?: string;
	clean?: boolean;
}

const flagged = (clean: boolean | undefined) => (clean ? 'exclude' : 'include');

export function indicesReply(read: ReadFilter & { unit: string }, result: UnitIndices) {
	return {
		unit: read.unit,
		instrument: read.instrument,
		from: read.from,
		to: read.to,
		channel: read.channel ?? null,
		flagged: flagged(read.clean),
		n: result.respondents,
		index: result.index,
		parts: result.parts.map(({ code, index, n }) => ({ code, index, n })),
		groups: result.groups,
		items: result.items
	};
}

export function rankingsReply(
	read: ReadFilter & { parent: string; kind: UnitKind; compare: Period | null },
	ranking: Ranking
) {
	return {
		parent: read.parent,
		kind: read.kind,
		instrument: read.instrument,
		from: read.from,
		to: read.to,
		compare: read.compare,
		flagged: flagged(read.clean),
		...ranking
	};
}

export type IndicesReply = ReturnType<typeof indicesReply>;
export type RankingsReply = ReturnType<typeof rankingsReply>;
