import { csvCell } from './csv';
import { itemsOf, type Instrument, type Item } from './instruments';
import type { AnswerValue, Channel } from './responses';
import { unaccented } from './text';

/**
 * The CSV interchange format (docs/csv.md): one row per response; fixed columns, then one
 * column per item code of the instrument in questionnaire order, then the comment.
 */
export const fixedColumns = [
	'id',
	'instrument',
	'instrument_version',
	'unit',
	'channel',
	'submitted_at',
	'serial',
	'batch'
] as const;

/**
 * Headers a spreadsheet typed by people may use instead of the interchange names, matched
 * without marks or case: `Số phiếu` → `serial`, `Ngày` → `submitted_at`, `Câu A1` → `A1`.
 */
const aliases: Record<string, string> = {
	'so phieu': 'serial',
	'ma phieu': 'serial',
	ngay: 'submitted_at',
	'ngay tren phieu': 'submitted_at',
	'ngay khao sat': 'submitted_at',
	'don vi': 'unit',
	'ma don vi': 'unit',
	'bo cau hoi': 'instrument',
	'phien ban': 'instrument_version',
	kenh: 'channel',
	dot: 'batch',
	'dot nhap': 'batch',
	'y kien': 'comment',
	'y kien khac': 'comment',
	'gop y': 'comment',
	'ghi chu': 'comment',
	'linh vuc': 'field',
	'hinh thuc nop ho so': 'submission',
	'so lan di lai': 'trips',
	'gioi tinh': 'gender',
	'do tuoi': 'age',
	tuoi: 'age',
	'dan toc': 'ethnicity',
	'trinh do hoc van': 'education',
	'hoc van': 'education',
	'nghe nghiep': 'occupation'
};

/** The interchange name of a header (itself when it is one already). */
export function canonicalColumn(header: string): string {
	const plain = unaccented(header);
	if (aliases[plain]) return aliases[plain];
	const item = /^cau (\S+)$/.exec(plain);
	return item ? header.trim().split(/\s+/).at(-1)! : header.trim();
}

export function columnsOf(instrument: Instrument): string[] {
	return [...fixedColumns, ...itemsOf(instrument).map((item) => item.code), 'comment'];
}

/** A response as the interchange writes it. */
export interface InterchangeResponse {
	id: string;
	instrument: string;
	instrumentVersion: number;
	unit: string;
	channel: Channel;
	submittedAt: Date;
	serial: string | null;
	batch: string | null;
	answers: Record<string, AnswerValue>;
	comment: string | null;
}

/** `2026-03-10T09:15:00+07:00`: Vietnam time with its offset, whole seconds. */
export function vietnamTimestamp(instant: Date): string {
	const shifted = new Date(instant.getTime() + 7 * 3600_000).toISOString();
	return `${shifted.slice(0, 19)}+07:00`;
}

/** How an answer is written in a cell: levels as digits, `NA`, choices by value, multi joined by `|`, yes/no. */
export function formatAnswer(value: AnswerValue | undefined): string {
	if (value === undefined || value === null) return '';
	if (Array.isArray(value)) return value.join('|');
	if (typeof value === 'boolean') return value ? 'yes' : 'no';
	return String(value);
}

/** One CSV line (CRLF-terminated, as spreadsheets write it). */
export function csvLine(cells: readonly (string | number | null)[]): string {
	return cells.map(csvCell).join(',') + '\r\n';
}

/**
 * A writer of responses as CSV lines of the given columns, for the export's inner loop (a
 * million lines): each column's reader is chosen once, and numbers, which never need
 * quoting, skip the quoting check. 1.5 µs a line instead of 5.
 */
export function lineWriter(columns: readonly string[]): (response: InterchangeResponse) => string {
	const text = (read: (r: InterchangeResponse) => string | null) => (r: InterchangeResponse) =>
		csvCell(read(r));
	const fixed: Record<string, (r: InterchangeResponse) => string> = {
		id: (r) => r.id,
		instrument: text((r) => r.instrument),
		instrument_version: (r) => String(r.instrumentVersion),
		unit: text((r) => r.unit),
		channel: (r) => r.channel,
		submitted_at: (r) => vietnamTimestamp(r.submittedAt),
		serial: text((r) => r.serial),
		batch: text((r) => r.batch),
		comment: text((r) => r.comment)
	};
	const answer = (column: string) => (r: InterchangeResponse) => {
		const value = r.answers[column];
		return typeof value === 'number'
			? String(value)
			: value === undefined
				? ''
				: csvCell(formatAnswer(value));
	};
	const cells = columns.map((column) => fixed[column] ?? answer(column));
	return (response) => {
		const line = new Array<string>(cells.length);
		for (let i = 0; i < cells.length; i++) line[i] = cells[i]!(response);
		return line.join(',') + '\r\n';
	};
}

/**
 * Reads a cell for an item: blank → undefined; `NA`; levels and numbers as numbers; a
 * multi split on `|`; yes/no (also có/không, 1/0). A value that does not parse is returned
 * as written, for the item's own check to reject with its reason.
 */
export function parseAnswer(item: Pick<Item, 'scale'>, cell: string): AnswerValue | undefined {
	const text = cell.trim();
	if (text === '') return undefined;
	if (text.toUpperCase() === 'NA') return 'NA';
	switch (item.scale) {
		case 'L5':
		case 'L4':
		case 'L3':
		case 'number':
			return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
		case 'multi':
			return text
				.split('|')
				.map((v) => v.trim())
				.filter(Boolean);
		case 'yesno': {
			const lower = text.toLowerCase();
			if (['yes', 'có', 'co', '1', 'true'].includes(lower)) return true;
			if (['no', 'không', 'khong', '0', 'false'].includes(lower)) return false;
			return text;
		}
		default:
			return text;
	}
}
