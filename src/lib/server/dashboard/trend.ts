import type { Queryable } from '../db';
import type { Timeline } from '$lib/survey/timeline';
import { filterOf, indicesOf, unitCounts, type Selection } from './aggregates';
import { timelineOf, unitsToRead } from './attribution';
import { countsByMonth, merge, type Period } from './counts';

export type Bucket = 'month' | 'quarter' | 'year';

/** The buckets (inclusive periods) a range splits into: calendar months, quarters or years. */
export function buckets(period: Period, bucket: Bucket): (Period & { label: string })[] {
	const out: (Period & { label: string })[] = [];
	const months = bucket === 'month' ? 1 : bucket === 'quarter' ? 3 : 12;
	const [fy, fm] = period.from.split('-').map(Number) as [number, number];
	let start =
		bucket === 'year'
			? Date.UTC(fy, 0, 1)
			: Date.UTC(fy, Math.floor((fm - 1) / months) * months, 1);
	const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
	while (iso(start) <= period.to) {
		const d = new Date(start);
		const next = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1);
		const from = iso(Math.max(start, Date.parse(period.from)));
		const to = iso(Math.min(next - 86_400_000, Date.parse(period.to)));
		const year = d.getUTCFullYear();
		const label =
			bucket === 'year'
				? `${year}`
				: bucket === 'quarter'
					? `${year}-Q${d.getUTCMonth() / 3 + 1}`
					: iso(start).slice(0, 7);
		out.push({ from, to, label });
		start = next;
	}
	return out;
}

export interface TrendPoint extends Period {
	label: string;
	index: number | null;
	n: number;
	groups: { code: string; index: number | null }[];
}

/**
 * A unit's indices per month, quarter or year. Months and quarters come from one read of the
 * month counters; years from the year counters, one read each.
 */
export async function trend(
	q: Queryable,
	input: Selection & {
		unit: string;
		bucket: Bucket;
		items?: readonly string[];
		timeline?: Timeline;
	}
): Promise<TrendPoint[]> {
	const timeline = input.timeline ?? (await timelineOf(q));
	const filter = { ...filterOf(input), items: input.items };
	const all = buckets(input.period, input.bucket);
	// The unit's answers as the tree stood, piece by piece (one piece unless the window
	// crosses a reorganisation).
	const monthly =
		input.bucket === 'year'
			? undefined
			: await Promise.all(
					timeline.attribution([input.unit], input.period, true).map((piece) =>
						countsByMonth(q, {
							...filter,
							units: unitsToRead(piece),
							period: piece.period
						})
					)
				);
	const out: TrendPoint[] = [];
	for (const b of all) {
		const counts = monthly
			? merge(
					monthly.flatMap((months) =>
						[...months].filter(([month]) => inBucket(month, b)).map(([, c]) => c)
					)
				)
			: await unitCounts(q, { ...input, period: b, timeline });
		const result = indicesOf(input.instrument, counts);
		out.push({
			...b,
			index: result.index,
			n: result.respondents,
			groups: result.groups.map((g) => ({ code: g.code, index: g.index }))
		});
	}
	return out;
}

/** Whether a month (`2025-07`) falls in a bucket's period. */
const inBucket = (month: string, bucket: Period) =>
	month >= bucket.from.slice(0, 7) && month <= bucket.to.slice(0, 7);
