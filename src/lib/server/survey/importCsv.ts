import { createHash } from 'node:crypto';
import { parseCsv } from '$lib/survey/csv';
import { itemsOf, type Instrument } from '$lib/survey/instruments';
import { fixedColumns, parseAnswer } from '$lib/survey/interchange';
import type { AnswerValue } from '$lib/survey/responses';
import { parseDate } from '$lib/survey/units';
import type { Actor } from '../auth/scope';
import type { Database } from '../db';
import { uuidOfHash } from './canonical';
import { ingest } from './ingest';
import { instrumentFor, latestInstrument } from './instruments';

export const MAX_IMPORT_ROWS = 50_000;

export interface ImportRowError {
	row: number;
	column: string;
	reason: string;
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

/** `2026-03-10T09:15:00+07:00` as is; a bare day (ISO or dd/mm/yyyy) means noon, Vietnam time. */
function submittedAt(cell: string): string {
	const day = parseDate(cell);
	return day ? `${day}T12:00:00+07:00` : cell.trim();
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

/**
 * Imports the interchange CSV all or nothing: every row is read and checked as a kiosk
 * answer would be (with the caller's rights), and when any row has an error, or on a dry
 * run, nothing is stored. Idempotent on `id` (or on unit + instrument + serial).
 */
export async function importCsv(
	db: Database,
	csv: string,
	options: { actor: Actor; dryRun: boolean }
): Promise<ResponseImportReport> {
	const report: ResponseImportReport = {
		created: 0,
		duplicate: 0,
		errors: [],
		dryRun: options.dryRun
	};
	const { header, rows } = parseCsv(csv);
	for (const column of ['instrument', 'unit', 'submitted_at']) {
		if (!header.includes(column))
			report.errors.push({ row: 1, column, reason: `the column ${column} is missing` });
	}
	if (!report.errors.length && rows.length === 0)
		report.errors.push({ row: 1, column: '', reason: 'the file has no data rows' });
	if (rows.length > MAX_IMPORT_ROWS)
		report.errors.push({ row: 1, column: '', reason: `more than ${MAX_IMPORT_ROWS} rows` });
	if (report.errors.length) return report;

	const at = (cells: string[], column: string) => cells[header.indexOf(column)]?.trim() ?? '';
	// A sheet names one or two instruments over thousands of rows: look each up once.
	const found = new Map<string, Promise<Instrument | undefined>>();
	const instrumentOf = (code: string, version: string) => {
		const key = `${code}@${version}`;
		if (!found.has(key)) {
			found.set(
				key,
				version ? instrumentFor(db, code, Number(version) || 0) : latestInstrument(db, code)
			);
		}
		return found.get(key)!;
	};
	const batch: unknown[] = [];
	const lineOf: number[] = [];
	const unknownColumns = new Set(
		header.filter((c) => c !== 'comment' && !(fixedColumns as readonly string[]).includes(c))
	);
	for (const { line, cells } of rows) {
		const code = at(cells, 'instrument');
		const versionCell = at(cells, 'instrument_version');
		const instrument = await instrumentOf(code, versionCell);
		if (!instrument) {
			report.errors.push({
				row: line,
				column: 'instrument',
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
		const unit = at(cells, 'unit');
		const serial = at(cells, 'serial');
		const id = at(cells, 'id') || (serial ? paperId(unit, instrument.code, serial) : '');
		if (!id) {
			report.errors.push({
				row: line,
				column: 'id',
				reason: 'a row needs an id or a serial number'
			});
			continue;
		}
		const comment = at(cells, 'comment');
		const batchLabel = at(cells, 'batch');
		batch.push({
			id,
			instrument: instrument.code,
			instrumentVersion: instrument.version,
			unit,
			channel: at(cells, 'channel') || 'paper',
			submittedAt: submittedAt(at(cells, 'submitted_at')),
			answers,
			...(comment ? { comment } : {}),
			...(serial ? { serial } : {}),
			...(batchLabel ? { batch: batchLabel } : {})
		});
		lineOf.push(line);
	}
	for (const column of unknownColumns)
		report.errors.push({ row: 1, column, reason: `unknown column ${column}` });

	const results = await ingest(db, batch, options.actor, {
		atomic: true,
		dryRun: options.dryRun || report.errors.length > 0
	});
	results.forEach((result, i) => {
		if (result.status === 'created') report.created++;
		else if (result.status === 'duplicate') report.duplicate++;
		else {
			for (const issue of result.issues ?? [{ path: [], message: result.status }]) {
				report.errors.push({
					row: lineOf[i]!,
					column: columnOfPath(issue.path),
					reason: issue.message
				});
			}
		}
	});
	report.errors.sort((a, b) => a.row - b.row);
	if (report.errors.length) report.created = 0;
	return report;
}
