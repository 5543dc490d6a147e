import type { Queryable } from '../db';

/** Quick ratings (the `quick-rating` instrument) per unit, counter and level over a period. */
export interface CounterCount {
	unit: string;
	/** The counter the kiosk was set to; null where none was set. */
	counter: string | null;
	level: number;
	n: number;
}

/**
 * Counts taps per unit, counter and level. Counters are free text set per kiosk, so they are
 * not in the rollup counters: this reads the ratings of the scope and period (unit, day index).
 */
export async function byCounter(
	q: Queryable,
	filter: { units: readonly string[]; from: string; to: string }
): Promise<CounterCount[]> {
	return q.query<CounterCount>(
		`select unit_code as unit, answers->>'counter' as counter, (answers->>'Q1')::int as level,
			count(*)::int as n
		from responses
		where status = 'valid' and instrument_code = 'quick-rating' and unit_code = any($1::text[])
			and day between $2 and $3 and jsonb_typeof(answers->'Q1') = 'number'
		group by 1, 2, 3`,
		[filter.units, filter.from, filter.to]
	);
}
