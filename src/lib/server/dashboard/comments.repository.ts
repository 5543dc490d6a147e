import { unaccented } from '$lib/survey/text';
import type { Queryable } from '../db';
import type { AnswerFilter } from '../responses/responses.repository';

/** A respondent's free-text comment, with where and when it was given. */
export interface CommentRow {
	id: string;
	unit: string;
	unitName: string;
	day: string;
	submittedAt: string;
	channel: string;
	comment: string;
}

export interface CommentFilter extends AnswerFilter {
	/** Words to find, accents and case ignored. */
	text?: string;
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

function where(filter: CommentFilter): { sql: string; params: unknown[] } {
	const needle = filter.text ? unaccented(filter.text) : '';
	return {
		sql: `r.comment is not null and r.status = 'valid' and r.unit_code = any($1::text[])
			and r.instrument_code = $2 and r.day between $3 and $4
			and ($5::text is null or r.channel = $5)
			and ($7::text is null or r.answers->>'field' = $7)
			and ($6::text is null or r.comment_plain like $6)`,
		params: [
			filter.units,
			filter.instrument,
			filter.from,
			filter.to,
			filter.channel ?? null,
			needle ? `%${escapeLike(needle)}%` : null,
			filter.field ?? null
		]
	};
}

/** One page of comments, newest first. */
export async function page(
	q: Queryable,
	filter: CommentFilter,
	at: { limit: number; offset: number }
): Promise<CommentRow[]> {
	const { sql, params } = where(filter);
	return q.query<CommentRow>(
		`select r.id, r.unit_code as unit, u.name as "unitName", r.day,
			r.submitted_at as "submittedAt", r.channel, r.comment
		from responses r join units u on u.code = r.unit_code
		where ${sql}
		order by r.submitted_at desc, r.id desc
		limit ${at.limit} offset ${at.offset}`,
		params
	);
}

/** How many comments match. */
export async function count(q: Queryable, filter: CommentFilter): Promise<number> {
	const { sql, params } = where(filter);
	const [row] = await q.query<{ total: number }>(
		`select count(*)::int as total from responses r where ${sql}`,
		params
	);
	return row?.total ?? 0;
}

/** One page of comments, newest first, and how many match in all. */
export async function search(
	q: Queryable,
	filter: CommentFilter,
	at: { limit: number; offset: number }
): Promise<{ rows: CommentRow[]; total: number }> {
	const [rows, total] = await Promise.all([page(q, filter, at), count(q, filter)]);
	return { rows, total };
}
