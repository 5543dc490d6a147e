import type { AnswerValue } from '$lib/survey/responses';
import type { Queryable } from '../db';
import type { AnswerFilter } from '../responses/responses.repository';

/** How many valid answers gave `value` to `item`, among those who answered `by` with `group`. */
export interface AnswerTally {
	version: number;
	/** The respondents' answer to the item broken down by; null when they left it blank. */
	group: string | null;
	/** The item counted, or `''` with a null value for the respondents themselves. */
	item: string;
	value: AnswerValue | null;
	n: number;
}

export interface TallyFilter extends AnswerFilter {
	/** Leave out the answers with a data-quality flag. */
	clean?: boolean;
}

/**
 * One grouping over the raw answers: a cross-tabulation of two answers per response, which
 * the counters (one item per row) cannot give. Each response's answers to `items` are opened
 * with `jsonb_each`; its respondent row comes from the same scan. Of the shapes measured
 * (BENCHMARKS.md, "The breakdown by respondent") the fastest: a `lateral (values …)` of the
 * items took 15 % longer, one pass of `count(*) filter (…)` columns 45 % longer.
 */
export async function tallyBy(
	q: Queryable,
	filter: TallyFilter,
	by: string,
	items: readonly string[]
): Promise<AnswerTally[]> {
	return q.query<AnswerTally>(
		`with chosen as (
			select instrument_version, answers
			from responses
			where status = 'valid' and instrument_code = $2 and unit_code = any($1::text[])
				and day between $3 and $4
				and ($5::text is null or channel = $5) and (not $6 or flags = '[]'::jsonb)
				and ($7::text is null or answers->>'field' = $7)
		)
		select instrument_version as version, answers->>$8 as "group", '' as item, null::jsonb as value,
			count(*)::int as n
		from chosen group by 1, 2
		union all
		select instrument_version, answers->>$8, a.key, a.value, count(*)::int
		from chosen cross join lateral jsonb_each(answers) a
		where a.key = any($9::text[])
		group by 1, 2, 3, 4`,
		[
			filter.units,
			filter.instrument,
			filter.from,
			filter.to,
			filter.channel ?? null,
			filter.clean ?? false,
			filter.field ?? null,
			by,
			items
		]
	);
}
