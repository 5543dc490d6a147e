import { translate, type Locale } from '$lib/i18n';
import { parseCsv } from '$lib/survey/csv';
import { fieldIssuesFrom } from '$lib/survey/issues';
import { unitInput, type Unit, type UnitInput } from '$lib/survey/units';
import type { Database } from '../db';
import * as audit from '../audit/audit.repository';
import * as units from './units.repository';
import { hierarchyProblems, keptVersion, lifeProblems, parentsFirst } from './hierarchy';
import type { PastVersion } from '$lib/survey/timeline';

export interface RowError {
	row: number;
	column: string;
	reason: string;
}

export interface ImportReport {
	created: number;
	updated: number;
	unchanged: number;
	errors: RowError[];
	dryRun: boolean;
}

export const MAX_IMPORT_ROWS = 20_000;

const columns = {
	code: 'code',
	name: 'name',
	kind: 'kind',
	parentCode: 'parent_code',
	validFrom: 'valid_from',
	validTo: 'valid_to',
	successorCodes: 'successor_codes',
	predecessorCodes: 'predecessor_codes',
	changedFrom: 'changed_from'
} as const;
const required = ['code', 'name', 'kind', 'parent_code'];

function sameUnit(a: Unit, b: UnitInput): boolean {
	return (
		a.name === b.name &&
		a.kind === b.kind &&
		a.parentCode === b.parentCode &&
		a.validFrom === b.validFrom &&
		a.validTo === b.validTo &&
		a.successorCodes.join(' ') === b.successorCodes.join(' ') &&
		a.predecessorCodes.join(' ') === b.predecessorCodes.join(' ')
	);
}

/**
 * Imports units from CSV, all or nothing: every row is checked (fields, duplicates in the
 * file, parents in the file or the database, kinds, cycles) and when any row has an error
 * nothing is written and every error is reported with its line. Existing codes are updated.
 * With `dryRun` the same report comes back and nothing is written either way.
 */
export async function importUnits(
	db: Database,
	csv: string,
	options: { dryRun: boolean; locale: Locale; actorUserId: string | null }
): Promise<ImportReport> {
	const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) =>
		translate(options.locale, key, params);
	const report: ImportReport = {
		created: 0,
		updated: 0,
		unchanged: 0,
		errors: [],
		dryRun: options.dryRun
	};
	const table = parseCsv(csv);
	const header = table.header.map((name) => name.toLowerCase());
	for (const name of required) {
		if (!header.includes(name)) {
			report.errors.push({
				row: 1,
				column: name,
				reason: t('import.error.missingColumn', { column: name })
			});
		}
	}
	if (report.errors.length) return report;
	if (table.rows.length === 0) {
		report.errors.push({ row: 1, column: '', reason: t('import.error.empty') });
		return report;
	}
	if (table.rows.length > MAX_IMPORT_ROWS) {
		report.errors.push({
			row: 1,
			column: '',
			reason: t('import.error.tooMany', { max: MAX_IMPORT_ROWS })
		});
		return report;
	}

	const parsed: { line: number; unit: UnitInput }[] = [];
	const firstLine = new Map<string, number>();
	for (const { line, cells } of table.rows) {
		if (cells.length > header.length) {
			report.errors.push({
				row: line,
				column: '',
				reason: t('import.error.cells', { found: cells.length, expected: header.length })
			});
			continue;
		}
		const cell = (name: string) => cells[header.indexOf(name)] ?? '';
		const result = unitInput.safeParse(
			Object.fromEntries(Object.entries(columns).map(([field, column]) => [field, cell(column)]))
		);
		if (!result.success) {
			for (const problem of fieldIssuesFrom(result.error, 'unit.error.codeFormat')) {
				const column = columns[problem.field as keyof typeof columns] ?? problem.field;
				report.errors.push({ row: line, column, reason: t(problem.key, problem.params) });
			}
			continue;
		}
		const earlier = firstLine.get(result.data.code);
		if (earlier !== undefined) {
			report.errors.push({
				row: line,
				column: 'code',
				reason: t('unit.error.duplicate', { code: result.data.code, line: earlier })
			});
			continue;
		}
		firstLine.set(result.data.code, line);
		parsed.push({ line, unit: result.data });
	}

	return db.transaction(async (tx) => {
		const existing = new Map((await units.list(tx)).map((unit) => [unit.code, unit]));
		const history = await units.history(tx);
		const merged = new Map<string, Pick<Unit, 'code' | 'kind' | 'parentCode'>>(existing);
		for (const { unit } of parsed) merged.set(unit.code, unit);
		const kept: { code: string; version: PastVersion }[] = [];
		const answers = await units.answerDays(
			tx,
			parsed
				.filter(({ unit }) => existing.has(unit.code) && (unit.validFrom || unit.validTo))
				.map(({ unit }) => unit.code)
		);
		for (const { line, unit } of parsed) {
			const keep = keptVersion(existing.get(unit.code), history.get(unit.code) ?? [], unit);
			if (keep.version) kept.push({ code: unit.code, version: keep.version });
			for (const problem of [
				...hierarchyProblems(merged, unit),
				...keep.problems,
				...lifeProblems(unit, answers.get(unit.code))
			]) {
				const column = columns[problem.field as keyof typeof columns];
				report.errors.push({ row: line, column, reason: t(problem.key, problem.params) });
			}
		}
		report.errors.sort((a, b) => a.row - b.row);
		if (report.errors.length) return report;

		const fresh = parentsFirst(parsed.map((p) => p.unit).filter((u) => !existing.has(u.code)));
		const changed = parsed
			.map((p) => p.unit)
			.filter((u) => existing.has(u.code) && !sameUnit(existing.get(u.code)!, u));
		report.created = fresh.length;
		report.updated = changed.length;
		report.unchanged = parsed.length - fresh.length - changed.length;
		if (options.dryRun) return report;
		await units.insertMany(tx, fresh);
		for (const { code, version } of kept) await units.addVersion(tx, code, version);
		for (const unit of changed) await units.update(tx, unit);
		await audit.record(tx, {
			actorUserId: options.actorUserId,
			action: 'unit.import',
			details: { created: report.created, updated: report.updated, unchanged: report.unchanged }
		});
		return report;
	});
}
