import type { Instrument } from '$lib/survey/instruments';
import { columnsOf, csvLine, lineWriter } from '$lib/survey/interchange';
import type { Queryable } from '../db';
import * as responses from '../responses/export.repository';

/** Rows a page: 5 000 packed rows read in ~25 ms on PGlite; 1 000 made the export 40 % slower. */
export const EXPORT_PAGE = 5000;

/**
 * The interchange CSV of a set of units' valid responses, streamed page by page (UTF-8 with
 * a BOM, so Excel shows Vietnamese correctly). Memory stays at one page however many rows.
 * Unit by unit (in code order), each in time order: every page is then one range of the
 * (unit, questionnaire, time, id) index. Time order across many units would make the
 * database merge them again for every page: 415 s instead of seconds for a province-year.
 */
export function exportCsv(
	q: Queryable,
	filter: {
		units: readonly string[];
		instrument: Instrument;
		from: string;
		to: string;
		/** One channel only, and without the answers flagged for quality: as the view shows. */
		channel?: string;
		clean?: boolean;
	},
	pageSize = EXPORT_PAGE
): ReadableStream<Uint8Array> {
	const encoder = new TextEncoder();
	const columns = columnsOf(filter.instrument);
	const line = lineWriter(columns);
	const instrument = filter.instrument.code;
	const units = [...filter.units].sort();
	let unit = 0;
	let after: responses.ExportCursor | null = null;
	const read = () =>
		responses.exportPage(q, {
			unit: units[unit]!,
			instrument: filter.instrument.code,
			from: filter.from,
			to: filter.to,
			channel: filter.channel,
			clean: filter.clean,
			after,
			limit: pageSize
		});
	// The next page, asked for while this one is written: PostgreSQL reads it in its own
	// process meanwhile (a million answers over 640 units: 46.0 → 34–36 s, BENCHMARKS.md).
	// Handled at once, so that a download given up leaves no unhandled rejection behind;
	// awaited, it still throws.
	let ahead: ReturnType<typeof read> | null = null;
	return new ReadableStream<Uint8Array>({
		start(controller) {
			controller.enqueue(encoder.encode('\uFEFF' + csvLine(columns)));
		},
		async pull(controller) {
			// A unit with nothing left moves on to the next one within the same pull: a pull
			// that enqueues nothing may never be called again.
			for (;;) {
				if (unit >= units.length) return controller.close();
				const page = await (ahead ?? read());
				// A short page is the unit's last: no need to ask for an empty one.
				const done = page.rows.length < pageSize;
				after = done ? null : page.next;
				if (done) unit++;
				ahead = unit < units.length ? read() : null;
				ahead?.catch(() => {});
				// Let the pool send that query before this page's lines take the thread.
				await new Promise((resolve) => setImmediate(resolve));
				if (page.rows.length > 0) return emit(controller, page.rows);
			}
		}
	});

	function emit(
		controller: ReadableStreamDefaultController<Uint8Array>,
		rows: readonly responses.ExportRow[]
	) {
		const text = rows.map((row) => line({ ...row, instrument })).join('');
		controller.enqueue(encoder.encode(text));
	}
}

/** Reads a whole export into a string (tests and small files). */
export async function exportText(
	q: Queryable,
	filter: Parameters<typeof exportCsv>[1],
	pageSize?: number
): Promise<string> {
	const bytes = await new Response(exportCsv(q, filter, pageSize)).arrayBuffer();
	// Keep the BOM: it is part of the file people download.
	return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
}
