import type { InterchangeResponse } from '$lib/survey/interchange';
import type { Queryable } from '../db';
import { packedRows } from '../db/packed';

/**
 * The interchange export's reads of the responses table: keyset pages, unit by unit, in
 * time order (see interchange/exportCsv.ts).
 */

/** A row of the interchange export: the response as `InterchangeResponse` describes it. */
export type ExportRow = Omit<InterchangeResponse, 'instrument'>;

/** Where the next export page starts: the last row's exact time (as text, to the microsecond) and id. */
export interface ExportCursor {
	submittedAt: string;
	id: string;
}

/**
 * One page of one unit's valid responses in (submitted_at, id) order after `after`: keyset
 * pagination, so an export of millions of rows holds one page in memory and never re-reads
 * earlier ones. Packed (see packed.ts): a page of 5 000 answers arrives as one value, not
 * 5 000 rows.
 *
 * One unit, compared with `=`: the (unit, questionnaire, time, id) index then yields the rows
 * in page order and the page stops after 5 000. With `unit_code = any(array)`, even of one
 * unit, PostgreSQL 15 cannot take the order from the index: every page read all the unit's
 * rows after the cursor and sorted them (103 ms a page against 4 ms at 1 M answers, and
 * quadratic in a unit's size: the 10 M export took three times its linear share).
 */
export async function exportPage(
	q: Queryable,
	filter: {
		unit: string;
		instrument: string;
		from: string;
		to: string;
		channel?: string;
		clean?: boolean;
		after: ExportCursor | null;
		limit: number;
	}
): Promise<{ rows: ExportRow[]; next: ExportCursor | null }> {
	const rows = await packedRows<Omit<ExportRow, 'submittedAt'> & { submittedAt: string }>(
		q,
		`select id, instrument_version as "instrumentVersion", unit_code as unit, channel,
			submitted_at as "submittedAt", serial, batch, answers, comment
		from responses
		where status = 'valid' and unit_code = $1 and instrument_code = $2
			and day between $3 and $4
			and ($5::text is null or (submitted_at, id) > ($5::text::timestamptz, $6::uuid))
			and ($8::text is null or channel = $8) and (not $9 or flags = '[]'::jsonb)
		order by submitted_at, id
		limit $7`,
		[
			filter.unit,
			filter.instrument,
			filter.from,
			filter.to,
			filter.after?.submittedAt ?? null,
			filter.after?.id ?? null,
			filter.limit,
			filter.channel ?? null,
			filter.clean ?? false
		],
		't."submittedAt", t.id'
	);
	// The cursor goes back as text: a client that typed it as a timestamp would round it to
	// the millisecond, and a page edge between two rows a microsecond apart would repeat rows.
	const last = rows.at(-1);
	return {
		rows: rows.map((row) => ({ ...row, submittedAt: new Date(row.submittedAt) })),
		next: last ? { submittedAt: last.submittedAt, id: last.id } : null
	};
}
