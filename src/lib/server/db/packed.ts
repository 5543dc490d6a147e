import type { Queryable } from '.';

/**
 * Runs a select whose result has many small rows and reads them back as one JSON value.
 *
 * Why: PGlite hands each row to JavaScript through the wire protocol at about 6 µs a row.
 * The 6 480 counters of a province-year took 45 ms to arrive and 3 ms to sum; as one
 * `json_agg` they arrive in 11 ms (bench/server.bench.ts). PostgreSQL gains too, less.
 * Values come back as JSON has them: numbers, strings, and timestamps as ISO text with
 * their microseconds (exact enough to pass back as a keyset cursor).
 */
export async function packedRows<T>(
	q: Queryable,
	sql: string,
	params: unknown[],
	/** The order of the rows, in the result's column names (`t."submittedAt", t.id`). */
	order?: string
): Promise<T[]> {
	const [result] = await q.query<{ rows: string | null }>(
		`select json_agg(t${order ? ` order by ${order}` : ''})::text as rows from (${sql}) t`,
		params
	);
	return result?.rows ? (JSON.parse(result.rows) as T[]) : [];
}

/**
 * Runs a select whose many rows are codes and numbers and reads them back as one text value,
 * a line of comma-separated fields per row: a third of `packedRows`' bytes, no object per row,
 * and `string_agg` costs PostgreSQL a quarter of `json_agg` (69 120 counters of a province-year:
 * 135 → 28 ms, BENCHMARKS.md). Only for fields that can hold no comma or line break (codes
 * checked by a pattern, numbers, dates); a null field is left out of its line, so none may be.
 */
export async function packedLines(
	q: Queryable,
	sql: string,
	params: unknown[],
	/** The result's columns, in the order their fields come in a line. */
	columns: readonly string[]
): Promise<string[][]> {
	const fields = columns.map((c) => `t.${c}`).join(', ');
	const [result] = await q.query<{ lines: string | null }>(
		`select string_agg(concat_ws(',', ${fields}), E'\\n') as lines from (${sql}) t`,
		params
	);
	return result?.lines ? result.lines.split('\n').map((line) => line.split(',')) : [];
}
