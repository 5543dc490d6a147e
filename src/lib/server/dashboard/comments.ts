import type { DashboardQuery } from '$lib/survey/dashboard';
import { csvLine } from '$lib/survey/interchange';
import type { Unit } from '$lib/survey/units';
import type { Queryable } from '../db';
import * as comments from './comments.repository';
import * as units from '../units/units.repository';

/** Reads with no rule of their own: the repository's, offered to routes as they are. */
export { count, page } from './comments.repository';

export const COMMENTS_PAGE = 50;
const EXPORT_PAGE = 1000;

/** The comment filter of a dashboard view and a search text. */
export async function commentFilter(
	q: Queryable,
	query: DashboardQuery,
	unit: Unit,
	text: string
): Promise<comments.CommentFilter> {
	return {
		units: await units.subtreeCodes(q, unit.code),
		instrument: query.instrument,
		...query.reading,
		channel: query.channel,
		field: query.field,
		text
	};
}

/** Every matching comment as CSV (UTF-8 with a BOM for Excel), newest first, page by page. */
export function commentsCsv(
	q: Queryable,
	filter: comments.CommentFilter,
	header: string[]
): ReadableStream<Uint8Array> {
	const encoder = new TextEncoder();
	let offset = 0;
	return new ReadableStream({
		start(controller) {
			controller.enqueue(encoder.encode('\uFEFF' + csvLine(header)));
		},
		async pull(controller) {
			const rows = await comments.page(q, filter, { limit: EXPORT_PAGE, offset });
			if (rows.length === 0) return controller.close();
			offset += rows.length;
			controller.enqueue(
				encoder.encode(
					rows.map((r) => csvLine([r.day, r.unit, r.unitName, r.channel, r.comment])).join('')
				)
			);
		}
	});
}
