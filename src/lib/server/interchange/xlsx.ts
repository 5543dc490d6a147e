import { readZip, writeZip, ZipError } from './zip';

/**
 * The first sheet of an Excel workbook (.xlsx) as rows of text, and a plain workbook written
 * from rows (templates, tests). Cells come back as Excel stores them: numbers as their
 * decimal text, dates as day numbers (the import reads those), shared and inline strings
 * as text, booleans as 1/0.
 */

export class SpreadsheetError extends Error {}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** A character reference's character; one past the end of Unicode reads as U+FFFD, not a crash. */
function character(reference: string): string {
	const point =
		reference[1] === 'x' || reference[1] === 'X'
			? parseInt(reference.slice(2), 16)
			: Number(reference.slice(1));
	return point <= 0x10ffff ? String.fromCodePoint(point) : '\uFFFD';
}

function unescapeXml(text: string): string {
	return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, name: string) =>
		name[0] === '#' ? character(name) : entities[name.toLowerCase()]!
	);
}

const escapeXml = (text: string) =>
	text.replace(/[&<>"]/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot' }[c]};`);

/** The text of every `<t>` inside an element (rich text keeps its runs, phonetics are skipped). */
function textOf(xml: string): string {
	const plain = xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '');
	return [...plain.matchAll(/<t\b[^>]*>([\s\S]*?)<\/t>|<t\b[^>]*\/>/g)]
		.map((m) => unescapeXml(m[1] ?? ''))
		.join('');
}

/** `AB12` → column 27 (0-based). */
const MAX_ROWS = 1_048_576;
const MAX_COLUMNS = 16_384;

function columnOf(reference: string): number {
	let column = 0;
	for (const letter of /^[A-Z]+/.exec(reference)?.[0] ?? '')
		column = column * 26 + letter.charCodeAt(0) - 64;
	return column - 1;
}

function firstSheetPath(files: Map<string, Buffer>): string {
	const workbook = files.get('xl/workbook.xml')?.toString('utf8');
	const rels = files.get('xl/_rels/workbook.xml.rels')?.toString('utf8');
	if (!workbook || !rels) throw new SpreadsheetError('not an Excel workbook (.xlsx)');
	const id = /<sheet\b[^>]*\br:id="([^"]+)"/.exec(workbook)?.[1];
	const target = [...rels.matchAll(/<Relationship\b[^>]*>/g)]
		.map((m) => m[0])
		.find((tag) => tag.includes(`Id="${id}"`))
		?.match(/Target="([^"]+)"/)?.[1];
	if (!target) throw new SpreadsheetError('the workbook has no sheet');
	return target.startsWith('/') ? target.slice(1) : `xl/${target}`;
}

/** The first sheet's rows; trailing empty cells dropped, empty rows kept (line numbers hold). */
export function readFirstSheet(data: Uint8Array): string[][] {
	let files: Map<string, Buffer>;
	try {
		files = readZip(data);
	} catch (error) {
		if (error instanceof ZipError)
			throw new SpreadsheetError(`not an Excel workbook (.xlsx): ${error.message}`);
		throw error;
	}
	const sheet = files.get(firstSheetPath(files))?.toString('utf8');
	if (!sheet) throw new SpreadsheetError('the first sheet is missing');
	const shared = [
		...(files.get('xl/sharedStrings.xml')?.toString('utf8') ?? '').matchAll(
			/<si\b[^>]*>([\s\S]*?)<\/si>/g
		)
	].map((m) => textOf(m[1]!));
	const rows: string[][] = [];
	for (const row of sheet.matchAll(/<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g)) {
		const number = Number(/\br="(\d+)"/.exec(row[1]!)?.[1] ?? rows.length + 1);
		// Excel's own limits: a reference past them is a broken or hostile file, and following
		// it would fill memory with empty rows or cells.
		if (number > MAX_ROWS) throw new SpreadsheetError(`row ${number} is past Excel's last row`);
		while (rows.length < number - 1) rows.push([]);
		const cells: string[] = [];
		for (const cell of (row[2] ?? '').matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
			const attributes = cell[1]!;
			const column = columnOf(/\br="([A-Z]+)\d*"/.exec(attributes)?.[1] ?? '');
			if (column >= MAX_COLUMNS) throw new SpreadsheetError(`a cell is past Excel's last column`);
			const type = /\bt="(\w+)"/.exec(attributes)?.[1];
			const body = cell[2] ?? '';
			const value = unescapeXml(/<v>([\s\S]*?)<\/v>/.exec(body)?.[1] ?? '');
			const text =
				type === 's'
					? (shared[Number(value)] ?? '')
					: type === 'inlineStr'
						? textOf(body)
						: type === 'e'
							? ''
							: value;
			cells[column < 0 ? cells.length : column] = text;
		}
		rows.push(Array.from(cells, (cell) => cell ?? ''));
	}
	return rows;
}

const columnName = (index: number): string =>
	(index >= 26 ? columnName(Math.floor(index / 26) - 1) : '') +
	String.fromCharCode(65 + (index % 26));

/** A sheet to write: its tab name (at most 31 characters in Excel) and its rows. */
export interface Sheet {
	name: string;
	rows: readonly (readonly (string | number | null)[])[];
}

/** A workbook of one sheet: text in shared strings (as Excel writes it), numbers as numbers. */
export function writeWorkbook(
	rows: readonly (readonly (string | number)[])[],
	sheetName = 'Sheet1'
): Buffer {
	return writeSheets([{ name: sheetName, rows }]);
}

/** A workbook of several sheets sharing one string table; null and '' leave a cell empty. */
export function writeSheets(sheets: readonly Sheet[]): Buffer {
	const strings: string[] = [];
	const indexOf = new Map<string, number>();
	const sheetXml = (rows: Sheet['rows']) =>
		rows.map((row, r) => {
			const cells = row.map((value, c) => {
				const ref = `${columnName(c)}${r + 1}`;
				if (typeof value === 'number') return `<c r="${ref}"><v>${value}</v></c>`;
				if (value === '' || value === null) return '';
				if (!indexOf.has(value)) {
					indexOf.set(value, strings.length);
					strings.push(value);
				}
				return `<c r="${ref}" t="s"><v>${indexOf.get(value)}</v></c>`;
			});
			return `<row r="${r + 1}">${cells.join('')}</row>`;
		});
	const main = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
	const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
	const type = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
	const xml = '<?xml version="1.0" encoding="UTF-8"?>';
	const files: Record<string, string> = {};
	sheets.forEach((sheet, i) => {
		files[`xl/worksheets/sheet${i + 1}.xml`] =
			`${xml}<worksheet xmlns="${main}"><sheetData>${sheetXml(sheet.rows).join('')}</sheetData></worksheet>`;
	});
	const overrides = sheets
		.map(
			(_, i) =>
				`<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`
		)
		.join('');
	const sheetList = sheets
		.map(
			(sheet, i) =>
				`<sheet name="${escapeXml(sheet.name.slice(0, 31))}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`
		)
		.join('');
	const sheetRels = sheets
		.map(
			(_, i) =>
				`<Relationship Id="rId${i + 1}" Type="${type}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`
		)
		.join('');
	return writeZip({
		'[Content_Types].xml': `${xml}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${overrides}<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`,
		'_rels/.rels': `${xml}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${type}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
		'xl/workbook.xml': `${xml}<workbook xmlns="${main}" xmlns:r="${rel}"><sheets>${sheetList}</sheets></workbook>`,
		'xl/_rels/workbook.xml.rels': `${xml}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheetRels}<Relationship Id="rId${sheets.length + 1}" Type="${type}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
		...files,
		'xl/sharedStrings.xml': `${xml}<sst xmlns="${main}" count="${strings.length}" uniqueCount="${strings.length}">${strings.map((s) => `<si><t xml:space="preserve">${escapeXml(s)}</t></si>`).join('')}</sst>`
	});
}
