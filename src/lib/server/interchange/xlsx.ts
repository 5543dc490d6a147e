import { strToU8, zipSync } from 'fflate';
import { readFirstSheet, SpreadsheetError, type ReadLimits } from './xlsxRead';
import { readInWorker } from './readers';

export { SpreadsheetError };

/**
 * Excel workbooks (.xlsx): reading an upload's first sheet off the request thread, within a
 * budget, and writing plain workbooks (templates, exports, tests).
 */

/** What reading one upload may take; past it the upload is refused with a message that says which. */
export interface WorkbookBudget {
	/** Wall time in the worker, start-up included. */
	ms: number;
	/** The worker's heap. */
	memoryMb: number;
	partBytes: number;
	cells: number;
}

/**
 * Sized from the largest upload the import takes (`MAX_IMPORT_ROWS`, 50 000 forms: ~1.5 M
 * cells, ~70 MB of sheet XML, read in ~3 s on this project's 2-core machine; BENCHMARKS.md) with
 * room to spare: a legitimate file never meets these, a hostile one meets them in seconds.
 */
export const WORKBOOK_BUDGET: WorkbookBudget = {
	ms: 15_000,
	memoryMb: 768,
	partBytes: 160 * 1024 * 1024,
	cells: 4_000_000
};

const limitsOf = (budget: WorkbookBudget): ReadLimits => ({
	partBytes: budget.partBytes,
	cells: budget.cells,
	deadline: Date.now() + budget.ms
});

/**
 * The first sheet of an uploaded workbook as rows of text (see `xlsxRead.ts`), read in a worker
 * thread so that no file can hold the server: the worker stops at the budget's time and heap,
 * and its refusal is a `SpreadsheetError`. Where this module runs as TypeScript source (Vitest,
 * `vite dev`) a worker cannot load it, and the same reader runs on this thread with the same
 * limits.
 */
export async function readWorkbook(
	data: Uint8Array,
	budget: WorkbookBudget = WORKBOOK_BUDGET
): Promise<string[][]> {
	const { workerUrl, TASK } = await import('./xlsxWorker');
	if (workerUrl.endsWith('.ts')) return readFirstSheet(data, limitsOf(budget));
	return readInWorker(workerUrl, TASK, { data, limits: limitsOf(budget) }, budget);
}

const escapeXml = (text: string) =>
	text.replace(/[&<>"]/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot' }[c]};`);

/** A fixed date in every written archive, so the same rows always give the same bytes. */
const WRITTEN = new Date('2025-01-01T00:00:00Z');

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
	const parts: Record<string, string> = {
		'[Content_Types].xml': `${xml}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${overrides}<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`,
		'_rels/.rels': `${xml}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${type}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
		'xl/workbook.xml': `${xml}<workbook xmlns="${main}" xmlns:r="${rel}"><sheets>${sheetList}</sheets></workbook>`,
		'xl/_rels/workbook.xml.rels': `${xml}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheetRels}<Relationship Id="rId${sheets.length + 1}" Type="${type}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
		...files,
		'xl/sharedStrings.xml': `${xml}<sst xmlns="${main}" count="${strings.length}" uniqueCount="${strings.length}">${strings.map((s) => `<si><t xml:space="preserve">${escapeXml(s)}</t></si>`).join('')}</sst>`
	};
	const archive = Object.fromEntries(
		Object.entries(parts).map(([name, xml]) => [name, strToU8(xml)] as const)
	);
	return Buffer.from(zipSync(archive, { level: 6, mtime: WRITTEN }));
}
