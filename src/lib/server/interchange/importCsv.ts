import { createHash } from 'node:crypto';
import { parseCsv, type CsvTable } from '$lib/survey/csv';
import { itemsOf, type Instrument } from '$lib/survey/instruments';
import { canonicalColumn, fixedColumns, parseAnswer } from '$lib/survey/interchange';
import type { AnswerValue } from '$lib/survey/responses';
import { parseDate } from '$lib/survey/units';
import type { Actor } from '../auth/scope';
import type { Database } from '../db';
import { uuidOfHash } from '../responses/canonical';
import { ingest } from '../responses/ingest';
import * as audit from '../audit/audit.repository';
import { readWorkbook, SpreadsheetError } from './xlsx';
import { instrumentFor, latestInstrument } from '../instruments/service';

export const MAX_IMPORT_ROWS = 50_000;

export interface ImportRowError {
	/** The line in the file (the header is 1), as a spreadsheet numbers it. */
	row: number;
	column: string;
	/** What the cell held. */
	value: string;
	/** In English; `key` and `params` give it in the catalog (see `issueText`). */
	reason: string;
	key?: string;
	params?: Record<string, string | number>;
}

export interface ResponseImportReport {
	created: number;
	duplicate: number;
	errors: ImportRowError[];
	dryRun: boolean;
}

/**
 * The id of a paper form without one: the same unit, instrument and serial always give the
 * same id (a UUID v8 from SHA-256), so importing the same sheet twice adds nothing.
 */
export function paperId(unit: string, instrument: string, serial: string): string {
	return uuidOfHash(
		createHash('sha256').update(`${unit}\u0000${instrument}\u0000${serial}`).digest('hex')
	);
}

/** Excel's day 0 is 1899-12-30 (with its 1900 leap-year bug, day 25 569 is 1970-01-01). */
const EXCEL_EPOCH_DAY = 25_569;

/**
 * `2026-03-10T09:15:00+07:00` as is; a bare day (ISO or dd/mm/yyyy) means noon, Vietnam
 * time; a spreadsheet date cell (a day number, maybe with a time of day) as typed in Vietnam.
 */
function submittedAt(cell: string): string {
	const day = parseDate(cell);
	if (day) return `${day}T12:00:00+07:00`;
	if (/^\d{5}(\.\d+)?$/.test(cell)) {
		const serial = Number(cell);
		const local = new Date(Math.round((serial - EXCEL_EPOCH_DAY) * 86_400_000)).toISOString();
		return serial % 1 === 0
			? `${local.slice(0, 10)}T12:00:00+07:00`
			: `${local.slice(0, 19)}+07:00`;
	}
	return cell.trim();
}

const columnOfPath = (path: readonly (string | number)[]): string => {
	const [head, next] = path;
	if (head === 'answers') return String(next ?? '');
	const names: Record<string, string> = {
		submittedAt: 'submitted_at',
		instrumentVersion: 'instrument_version',
		deviceSeq: 'device_seq'
	};
	return names[String(head)] ?? String(head ?? '');
};

/** Where rows go when a file is imported into a collection batch. */
export interface ImportBatch {
	id: string;
	unitCode: string;
	instrumentCode: string;
	periodEnd: string;
}

export interface ImportOptions {
	actor: Actor;
	dryRun: boolean;
	/**
	 * Import into a batch: rows may leave out the unit and questionnaire (the batch's), the
	 * channel (paper) and the date (the last day of the batch period).
	 */
	batch?: ImportBatch;
}

/** Imports the interchange CSV (see `importTable`). */
export function importCsv(
	db: Database,
	csv: string,
	options: ImportOptions
): Promise<ResponseImportReport> {
	return importTable(db, parseCsv(csv), options);
}

/** Imports the first sheet of an Excel workbook as the interchange table (see `importTable`). */
export async function importWorkbook(
	db: Database,
	data: Uint8Array,
	options: ImportOptions
): Promise<ResponseImportReport> {
	let sheet: string[][];
	try {
		sheet = await readWorkbook(data);
	} catch (error) {
		if (!(error instanceof SpreadsheetError)) throw error;
		const { message: reason, key, params } = error;
		return failed(options, { row: 1, column: '', value: '', reason, key, params });
	}
	const [header = [], ...rest] = sheet;
	const rows = rest
		.map((cells, i) => ({ line: i + 2, cells }))
		.filter((row) => row.cells.some((cell) => cell.trim() !== ''));
	return importTable(db, { header, rows }, options);
}

/** An uploaded file: an Excel workbook (a ZIP archive) or else an interchange CSV in UTF-8. */
export function importUpload(
	db: Database,
	bytes: Uint8Array,
	options: ImportOptions
): Promise<ResponseImportReport> {
	const zip = bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
	return zip
		? importWorkbook(db, bytes, options)
		: importCsv(db, new TextDecoder('utf-8').decode(bytes), options);
}

const failed = (options: ImportOptions, error: ImportRowError): ResponseImportReport => ({
	created: 0,
	duplicate: 0,
	errors: [error],
	dryRun: options.dryRun
});

/**
 * Imports an interchange table all or nothing: every row is read and checked as a kiosk
 * answer would be (with the caller's rights), and when any row has an error, or on a dry
 * run, nothing is stored. Idempotent on `id` (or on unit + instrument + serial). Headers may
 * be Vietnamese aliases (`Số phiếu`, `Ngày`, `Câu A1`…).
 */
export async function importTable(
	db: Database,
	table: CsvTable,
	options: ImportOptions
): Promise<ResponseImportReport> {
	const report: ResponseImportReport = {
		created: 0,
		duplicate: 0,
		errors: [],
		dryRun: options.dryRun
	};
	const { batch } = options;
	const header = table.header.map(canonicalColumn);
	const rows = table.rows;
	const required = batch ? [] : ['instrument', 'unit', 'submitted_at'];
	for (const column of required) {
		if (!header.includes(column))
			report.errors.push({ row: 1, column, value: '', reason: `the column ${column} is missing` });
	}
	if (!report.errors.length && rows.length === 0)
		report.errors.push({ row: 1, column: '', value: '', reason: 'the file has no data rows' });
	if (rows.length > MAX_IMPORT_ROWS)
		report.errors.push({
			row: 1,
			column: '',
			value: '',
			reason: `more than ${MAX_IMPORT_ROWS} rows`
		});
	if (report.errors.length) return report;

	const at = (cells: string[], column: string) => cells[header.indexOf(column)]?.trim() ?? '';
	// A sheet names one or two instruments over thousands of rows: look each up once.
	const found = new Map<string, Promise<Instrument | undefined>>();
	const instrumentOf = (code: string, version: string) => {
		const key = `${code}@${version}`;
		if (!found.has(key)) {
			found.set(
				key,
				version
					? instrumentFor(db, code, /^\d{1,6}$/.test(version) ? Number(version) : 0)
					: latestInstrument(db, code)
			);
		}
		return found.get(key)!;
	};
	const items: unknown[] = [];
	const sourceOf: { line: number; cells: string[] }[] = [];
	const unknownColumns = new Set(
		header.filter((c) => c !== 'comment' && !(fixedColumns as readonly string[]).includes(c))
	);
	for (const { line, cells } of rows) {
		const code = at(cells, 'instrument') || (batch?.instrumentCode ?? '');
		const versionCell = at(cells, 'instrument_version');
		const instrument = await instrumentOf(code, versionCell);
		if (!instrument) {
			report.errors.push({
				row: line,
				column: 'instrument',
				value: code,
				reason: `no instrument ${code}${versionCell ? ` v${versionCell}` : ''}`
			});
			continue;
		}
		const answers: Record<string, AnswerValue> = {};
		for (const item of itemsOf(instrument)) {
			if (!header.includes(item.code)) continue;
			unknownColumns.delete(item.code);
			const value = parseAnswer(item, at(cells, item.code));
			if (value !== undefined) answers[item.code] = value;
		}
		const unit = at(cells, 'unit') || (batch?.unitCode ?? '');
		const serial = at(cells, 'serial');
		const id = at(cells, 'id') || (serial ? paperId(unit, instrument.code, serial) : '');
		if (!id) {
			report.errors.push({
				row: line,
				column: 'id',
				value: '',
				reason: 'a row needs an id or a serial number'
			});
			continue;
		}
		const comment = at(cells, 'comment');
		const batchLabel = at(cells, 'batch');
		const day = at(cells, 'submitted_at') || (batch ? batch.periodEnd : '');
		items.push({
			id,
			instrument: instrument.code,
			instrumentVersion: instrument.version,
			unit,
			channel: at(cells, 'channel') || 'paper',
			submittedAt: submittedAt(day),
			answers,
			...(comment ? { comment } : {}),
			...(serial ? { serial } : {}),
			...(batch ? { batchId: batch.id } : batchLabel ? { batch: batchLabel } : {})
		});
		sourceOf.push({ line, cells });
	}
	for (const column of unknownColumns)
		report.errors.push({ row: 1, column, value: column, reason: `unknown column ${column}` });

	// Without a batch, only an admin imports: answers of an earlier system (audited below).
	const history = !batch && options.actor.user?.role === 'admin';
	const results = await ingest(db, items, options.actor, {
		atomic: true,
		dryRun: options.dryRun || report.errors.length > 0,
		history
	});
	results.forEach((result, i) => {
		if (result.status === 'created') report.created++;
		else if (result.status === 'duplicate') report.duplicate++;
		else {
			const { line, cells } = sourceOf[i]!;
			for (const issue of result.issues ?? [{ path: [], message: result.status }]) {
				const column = columnOfPath(issue.path);
				report.errors.push({
					row: line,
					column,
					value: at(cells, column),
					reason: issue.message,
					...(issue.key ? { key: issue.key, params: issue.params } : {})
				});
			}
		}
	});
	report.errors.sort((a, b) => a.row - b.row);
	if (report.errors.length) report.created = 0;
	if (history && !report.dryRun && report.created > 0)
		await audit.record(db, {
			actorUserId: options.actor.user!.id,
			action: 'responses.importHistory',
			target: null,
			details: { created: report.created, duplicate: report.duplicate }
		});
	return report;
}
