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
 * Each line's fields go to `visit` as they are cut out, the same string for a field equal to
 * the one before it in that place (a period read whole comes in key order, by unit): no
 * array per line, and a map keyed by those fields hashes each distinct value once.
 */
export async function packedLines(
	q: Queryable,
	sql: string,
	params: unknown[],
	/** The result's columns, in the order their fields come in a line. */
	columns: readonly string[],
	visit: (fields: TextFields) => void,
	/** How many of the first columns are text: the others are integers (`TextFields`). */
	texts = columns.length
): Promise<void> {
	const list = columns.map((c) => `t.${c}`).join(', ');
	const [result] = await q.query<{ lines: string | null }>(
		`select string_agg(concat_ws(',', ${list}), E'\\n') as lines from (${sql}) t`,
		params
	);
	if (result?.lines) new TextFields(result.lines, columns.length, texts).each(visit);
}

/** The distinct values a text field keeps to hand out again (a questionnaire's item codes). */
const KNOWN = 32;

/**
 * The fields of comma-separated lines, read one line at a time (no line is empty): the first
 * `texts` fields of a line as strings, the others as integers read in place (a block's counter
 * lines are eight counts each: no string apiece). A text field equal to one of the first
 * values its place took is handed out as that same string: a block's 12 000 rows a period
 * name ~22 items, and a new string for each was most of the garbage a view made.
 */
export class TextFields {
	/** The current line's text fields. */
	readonly field: string[];
	/** The current line's integer fields, those after the text ones. */
	readonly number: number[];
	constructor(
		private readonly text: string,
		width: number,
		texts = width
	) {
		this.field = Array<string>(texts).fill('');
		this.number = Array<number>(width - texts).fill(0);
	}

	/** Per text field, the first values it took (an item code changes from line to line). */
	private readonly seen: string[][] = [];

	/** The text from `at` to `end` as a string seen before in field `i`, or a new one. */
	private known(i: number, at: number, end: number): string {
		const seen = (this.seen[i] ??= []);
		for (const value of seen)
			if (value.length === end - at && this.text.startsWith(value, at)) return value;
		const value = this.text.slice(at, end);
		if (seen.length < KNOWN) seen.push(value);
		return value;
	}

	/** Calls `visit` once a line, with `field` and `number` holding that line's fields. */
	each(visit: (fields: TextFields) => void): void {
		const { text, field, number } = this;
		const last = field.length + number.length - 1;
		let at = 0;
		while (at < text.length) {
			const newline = text.indexOf('\n', at);
			const end = newline === -1 ? text.length : newline;
			for (let i = 0; i < field.length; i++) {
				const comma = i === last ? end : text.indexOf(',', at);
				const before = field[i]!;
				// The field before it in this place, when the text matches: no new string.
				if (comma - at !== before.length || !text.startsWith(before, at))
					field[i] = this.known(i, at, comma);
				at = comma + 1;
			}
			for (let i = 0; i < number.length; i++) {
				const negative = text.charCodeAt(at) === 45; // '-'
				if (negative) at++;
				let value = 0;
				for (let code = text.charCodeAt(at); at < end && code !== 44; code = text.charCodeAt(++at))
					value = value * 10 + code - 48;
				number[i] = negative ? -value : value;
				at++; // past the comma, or the line's end
			}
			visit(this);
		}
	}
}
