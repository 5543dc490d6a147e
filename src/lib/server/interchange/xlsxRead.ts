import { unzipSync } from 'fflate';
import { SaxesParser } from 'saxes';

/**
 * The first sheet of an Excel workbook (.xlsx) as rows of text, read within limits.
 *
 * An upload is hostile until read, so every step is bounded and linear:
 * - `fflate` unzips only the parts a sheet needs, each inflated into a buffer of the size its
 *   directory declares, refused past `partBytes` (a ZIP bomb stops before it starts);
 * - `saxes`, a streaming XML parser that checks well-formedness, reads each part in one pass
 *   (the regular expressions this replaced went quadratic on unclosed tags: a 1 KB file held
 *   the server for seconds). Prefixed names (`<x:c>`, as the OpenXML SDK writes them) are read
 *   by their local name;
 * - the sheet stops at `cells` cells, Excel's own last row and column, and the `deadline`.
 *
 * Chosen by measurement over alternatives (BENCHMARKS.md, "Reading workbooks"): `fflate` is
 * 8 KB gzip and faster than node:zlib for many small entries; `saxes` is the parser behind
 * `jsdom`'s XML, maintained, with no native code. This module imports nothing of the app, so
 * it runs as is in the worker thread of `xlsx.ts`.
 *
 * Cells come back as Excel stores them: numbers as their decimal text, date cells as day
 * numbers (the import reads those), shared and inline strings as text, booleans as 1/0.
 */

/** Why a workbook was refused: an English message, and the catalog's key and values. */
export class SpreadsheetError extends Error {
	constructor(
		readonly key: string,
		message: string,
		readonly params: Record<string, string | number> = {}
	) {
		super(message);
	}
}

export interface ReadLimits {
	/** Largest unpacked size of one part, and of all parts read together. */
	partBytes: number;
	/** Most cells in the sheet (empty ones included, up to each row's last). */
	cells: number;
	/** `Date.now()` past which reading stops. */
	deadline: number;
}

/** Excel's own limits: a reference past them is a broken or hostile file. */
const MAX_ROWS = 1_048_576;
const MAX_COLUMNS = 16_384;
/**
 * Deeper than any part of a workbook nests (a sheet is about six levels deep): past it the
 * file is refused at once, not after the whole of a hostile part is parsed.
 */
const MAX_DEPTH = 64;
/** Bytes parsed between two looks at the clock. */
const CHUNK = 64 * 1024;
/** Excel's day 0 is 1899-12-30: day 25 569 is 1970-01-01. */
const EXCEL_EPOCH_DAY = 25_569;

const notWorkbook = (detail: string) =>
	new SpreadsheetError('issue.workbook.notWorkbook', `not an Excel workbook (.xlsx): ${detail}`);

/** The named parts of the archive, each checked against the limits before it is inflated. */
function unzip(data: Uint8Array, names: readonly string[], limits: ReadLimits) {
	let total = 0;
	try {
		return unzipSync(data, {
			filter(file) {
				if (!names.includes(file.name)) return false;
				total += file.originalSize;
				if (file.originalSize > limits.partBytes || total > limits.partBytes)
					throw new SpreadsheetError(
						'issue.workbook.tooLarge',
						`the workbook unpacks past ${limits.partBytes / 1024 / 1024} MB`,
						{ mb: limits.partBytes / 1024 / 1024 }
					);
				return true;
			}
		});
	} catch (error) {
		if (error instanceof SpreadsheetError) throw error;
		throw notWorkbook('the archive is damaged');
	}
}

interface Handlers {
	open?(name: string, attributes: Record<string, string>): void;
	close?(name: string): void;
	text?(text: string): void;
}

const local = (name: string) => name.slice(name.indexOf(':') + 1);

/** Streams one XML part through the handlers, by local names, watching the clock. */
function walk(part: Uint8Array, handlers: Handlers, deadline: number, name: string): void {
	const parser = new SaxesParser();
	const damaged = (why: string) =>
		new SpreadsheetError('issue.workbook.damaged', `${name} is damaged: ${why}`, { part: name });
	parser.on('error', (error) => {
		throw damaged(error.message);
	});
	let depth = 0;
	parser.on('opentag', (tag) => {
		if (!tag.isSelfClosing && ++depth > MAX_DEPTH) throw damaged(`nested deeper than ${MAX_DEPTH}`);
		const attributes: Record<string, string> = {};
		for (const [key, value] of Object.entries(tag.attributes)) attributes[local(key)] = value;
		handlers.open?.(local(tag.name), attributes);
	});
	parser.on('closetag', (tag) => {
		if (!tag.isSelfClosing) depth--;
		handlers.close?.(local(tag.name));
	});
	if (handlers.text) {
		parser.on('text', handlers.text);
		parser.on('cdata', handlers.text);
	}
	const decoder = new TextDecoder('utf-8');
	for (let at = 0; at < part.length; at += CHUNK) {
		if (Date.now() > deadline) throw tooSlow();
		parser.write(decoder.decode(part.subarray(at, at + CHUNK), { stream: true }));
	}
	parser.write(decoder.decode()).close();
}

const pastExcel = (what: string) =>
	new SpreadsheetError('issue.workbook.pastExcel', `${what} is past Excel's last row or column`, {
		cell: what
	});

export const tooSlow = () =>
	new SpreadsheetError('issue.workbook.tooSlow', 'the workbook takes too long to read');

/** Text runs of `<t>` inside `within` (a shared string, an inline string), phonetics skipped. */
function textCollector(within: string, done: (text: string) => void): Handlers {
	let depth = 0;
	let inT = false;
	let inPhonetic = false;
	let text = '';
	return {
		open(name) {
			if (name === within && depth++ === 0) text = '';
			else if (name === 't' && depth > 0 && !inPhonetic) inT = true;
			else if (name === 'rPh') inPhonetic = true;
		},
		close(name) {
			if (name === 't') inT = false;
			else if (name === 'rPh') inPhonetic = false;
			else if (name === within && --depth === 0) done(text);
		},
		text(chunk) {
			if (inT) text += chunk;
		}
	};
}

function sharedStrings(part: Uint8Array | undefined, deadline: number): string[] {
	const strings: string[] = [];
	if (part)
		walk(
			part,
			textCollector('si', (text) => strings.push(text)),
			deadline,
			'sharedStrings'
		);
	return strings;
}

/** The path of the workbook's first sheet, through the workbook and its relationships. */
function firstSheetPath(workbook: Uint8Array, rels: Uint8Array, deadline: number): string {
	let id: string | undefined;
	walk(
		workbook,
		{
			open(name, attributes) {
				if (name === 'sheet' && id === undefined) id = attributes.id ?? '';
			}
		},
		deadline,
		'workbook'
	);
	let target: string | undefined;
	walk(
		rels,
		{
			open(name, attributes) {
				if (name === 'Relationship' && attributes.Id === id) target = attributes.Target;
			}
		},
		deadline,
		'relationships'
	);
	if (!target) throw new SpreadsheetError('issue.workbook.noSheet', 'the workbook has no sheet');
	return target.startsWith('/') ? target.slice(1) : `xl/${target}`;
}

/** `AB12` → column 27 (0-based); no letters → -1. */
function columnOf(reference: string): number {
	let column = 0;
	for (const letter of /^[A-Z]+/.exec(reference)?.[0] ?? '') {
		column = column * 26 + letter.charCodeAt(0) - 64;
		if (column > MAX_COLUMNS) break;
	}
	return column - 1;
}

/** An ISO date cell (`t="d"`) as Excel's day number, read as local time like any date cell. */
function dayNumber(iso: string): string {
	const parts = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?/.exec(iso);
	if (!parts) return iso;
	const [y, m, d, hh, mm, ss] = parts.slice(1).map((part) => Number(part ?? 0)) as number[];
	const ms = Date.UTC(y!, m! - 1, d!, hh, mm, ss);
	return String(ms / 86_400_000 + EXCEL_EPOCH_DAY);
}

function cellText(type: string | undefined, value: string, inline: string, shared: string[]) {
	switch (type) {
		case 's':
			return shared[Number(value)] ?? '';
		case 'inlineStr':
			return inline;
		case 'e':
			return '';
		case 'd':
			return dayNumber(value);
		default:
			return value;
	}
}

/** The first sheet's rows; trailing empty cells dropped, empty rows kept (line numbers hold). */
export function readFirstSheet(data: Uint8Array, limits: ReadLimits): string[][] {
	const meta = unzip(
		data,
		['xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/sharedStrings.xml'],
		limits
	);
	const workbook = meta['xl/workbook.xml'];
	const rels = meta['xl/_rels/workbook.xml.rels'];
	if (!workbook || !rels) throw notWorkbook('no workbook part');
	const path = firstSheetPath(workbook, rels, limits.deadline);
	const sheet = unzip(data, [path], limits)[path];
	if (!sheet) throw new SpreadsheetError('issue.workbook.noSheet', 'the first sheet is missing');
	const shared = sharedStrings(meta['xl/sharedStrings.xml'], limits.deadline);

	const rows: string[][] = [];
	let cells: string[] = [];
	let spent = 0;
	/** Every cell up to each row's last, and every row skipped, counts against the limit. */
	const spend = (n: number) => {
		spent += n;
		if (spent > limits.cells)
			throw new SpreadsheetError(
				'issue.workbook.tooManyCells',
				`the sheet has more than ${limits.cells} cells`,
				{ max: limits.cells }
			);
	};
	let cell: { column: number; type?: string; value: string; inline: string } | undefined;
	let inValue = false;
	const inline = textCollector('is', (text) => cell && (cell.inline = text));
	walk(
		sheet,
		{
			open(name, attributes) {
				inline.open!(name, attributes);
				if (name === 'row') {
					const number = Number(attributes.r ?? rows.length + 1);
					if (!(number <= MAX_ROWS)) throw pastExcel(`row ${attributes.r}`);
					spend(Math.max(0, number - 1 - rows.length));
					while (rows.length < number - 1) rows.push([]);
					cells = [];
				} else if (name === 'c') {
					const named = columnOf(attributes.r ?? '');
					const column = named < 0 ? cells.length : named;
					if (column >= MAX_COLUMNS) throw pastExcel(`cell ${attributes.r ?? column}`);
					cell = { column, type: attributes.t, value: '', inline: '' };
				} else if (name === 'v') inValue = cell !== undefined;
			},
			close(name) {
				inline.close!(name);
				if (name === 'v') inValue = false;
				else if (name === 'c' && cell) {
					cells[cell.column] = cellText(cell.type, cell.value, cell.inline, shared);
					cell = undefined;
				} else if (name === 'row') {
					spend(Math.max(1, cells.length));
					rows.push(Array.from(cells, (text) => text ?? ''));
				}
			},
			text(chunk) {
				if (inValue) cell!.value += chunk;
				inline.text!(chunk);
			}
		},
		limits.deadline,
		'sheet'
	);
	return rows;
}
