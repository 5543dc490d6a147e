import { formatDateTime, formatDay } from '$lib/i18n';
import { type ResponseInput } from '$lib/survey/responses';
import { issue, type Issue } from '$lib/survey/issues';
import { vietnamDay } from '$lib/survey/days';
import type { Queryable } from '../db';
import * as batches from '../batches/batches.repository';

/**
 * The rules paper forms add to ingest: a form keyed into a batch belongs to the batch's unit
 * and questionnaire and to a day of its collection period; a paper serial is keyed once per
 * unit and questionnaire (the database index is the guarantee, this names the first keying).
 */

/** The batches the responses name, and why a response does not fit its batch. */
export async function batchIssues(
	q: Queryable,
	responses: readonly ResponseInput[]
): Promise<{ found: Map<string, batches.Batch>; issues: Map<ResponseInput, Issue[]> }> {
	const ids = [...new Set(responses.flatMap((r) => (r.batchId ? [r.batchId] : [])))];
	const found = new Map((await batches.getMany(q, ids)).map((b) => [b.id, b]));
	const issues = new Map<ResponseInput, Issue[]>();
	for (const response of responses) {
		if (!response.batchId) continue;
		const batch = found.get(response.batchId);
		const problems = batch
			? fitIssues(batch, response)
			: [issue(['batchId'], 'noBatch', `no batch ${response.batchId}`)];
		if (problems.length) issues.set(response, problems);
	}
	return { found, issues };
}

function fitIssues(batch: batches.Batch, response: ResponseInput): Issue[] {
	const issues: Issue[] = [];
	if (batch.unitCode !== response.unit)
		issues.push(
			issue(['unit'], 'batchUnit', `batch ${batch.label} is for unit ${batch.unitCode}`, {
				label: batch.label,
				unit: batch.unitCode
			})
		);
	if (batch.instrumentCode !== response.instrument)
		issues.push(
			issue(
				['instrument'],
				'batchInstrument',
				`batch ${batch.label} is for ${batch.instrumentCode}`,
				{
					label: batch.label,
					instrument: batch.instrumentCode
				}
			)
		);
	const day = vietnamDay(response.submittedAt);
	if (day < batch.periodStart || day > batch.periodEnd)
		issues.push(
			issue(
				['submittedAt'],
				'outsidePeriod',
				`${day} is outside the batch period ${batch.periodStart} – ${batch.periodEnd}`,
				{ day: formatDay(day), from: formatDay(batch.periodStart), to: formatDay(batch.periodEnd) }
			)
		);
	if (!response.serial)
		issues.push(issue(['serial'], 'serialMissing', 'a form of a batch needs its paper serial'));
	return issues;
}

/**
 * Why responses that were neither stored nor found by id were refused: their serial was
 * keyed before. Names the first keying so staff can open it.
 */
export async function serialIssues(
	q: Queryable,
	responses: readonly ResponseInput[]
): Promise<Map<ResponseInput, Issue[]>> {
	const issues = new Map<ResponseInput, Issue[]>();
	const groups = new Map<string, ResponseInput[]>();
	for (const response of responses.filter((r) => r.serial)) {
		const key = `${response.unit}\u0001${response.instrument}`;
		groups.set(key, [...(groups.get(key) ?? []), response]);
	}
	for (const group of groups.values()) {
		const { unit, instrument } = group[0]!;
		const taken = new Map(
			(
				await batches.takenSerials(
					q,
					unit,
					instrument,
					group.map((r) => r.serial!)
				)
			).map((t) => [t.serial, t])
		);
		for (const response of group) {
			const first = taken.get(response.serial!);
			issues.set(response, [
				first
					? issue(
							['serial'],
							'serialTaken',
							`serial ${first.serial} was already entered at ${first.enteredAt.toISOString()}${first.enteredBy ? ` by ${first.enteredBy}` : ''} (response ${first.id})`,
							{
								serial: first.serial,
								at: formatDateTime('vi', first.enteredAt),
								by: first.enteredBy ?? '—'
							}
						)
					: issue(['serial'], 'serialRepeated', `serial ${response.serial} is already used`, {
							serial: response.serial!
						})
			]);
		}
	}
	return issues;
}
