import type { Queryable } from '../db';
import * as responses from '../responses/responses.repository';
import type { Period } from './counts';

/**
 * How many answers carry a data-quality flag (see `$lib/survey/quality`), per unit: shown
 * beside the figures whether or not the view leaves them out, so a reader sees what the
 * switch changes.
 */
export interface FlagTally {
	/** Answers with any flag (each once). */
	total: number;
	/** Per flag kind (an answer may carry two). */
	kinds: Record<string, number>;
}

export const noFlags = (): FlagTally => ({ total: 0, kinds: {} });

/** The flag tally of each unit that has flagged answers. */
export async function flagsByUnit(
	q: Queryable,
	filter: {
		units: readonly string[];
		instrument: string;
		period: Period;
		channel?: string;
		field?: string;
	}
): Promise<Map<string, FlagTally>> {
	const rows = await responses.flagCounts(q, { ...filter, ...filter.period });
	const out = new Map<string, FlagTally>();
	for (const { unit, flag, n } of rows) {
		const tally = out.get(unit) ?? noFlags();
		if (flag) tally.kinds[flag] = n;
		else tally.total = n;
		out.set(unit, tally);
	}
	return out;
}

/** Several tallies as one (the units of a subtree, or those a ranked unit owns). */
export function addFlags(tallies: Iterable<FlagTally>): FlagTally {
	const sum = noFlags();
	for (const tally of tallies) {
		sum.total += tally.total;
		for (const [kind, n] of Object.entries(tally.kinds))
			sum.kinds[kind] = (sum.kinds[kind] ?? 0) + n;
	}
	return sum;
}
