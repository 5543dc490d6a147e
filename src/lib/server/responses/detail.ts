import { itemsOf, type Localized } from '$lib/survey/instruments';
import type { AnswerValue } from '$lib/survey/responses';
import type { Queryable } from '../db';
import * as audit from '../audit/audit.repository';
import { inScope, type Scope } from '../auth/scope';
import { isUuid } from '../ids';
import { instrumentFor } from '../instruments/service';
import { done, failure } from '../outcome';
import * as detail from './detail.repository';

/**
 * A response as a person in its unit's scope may see it: who or what entered it (the account,
 * or the kiosk), its dates, marks and status, its answers beside their questions, and what was
 * done to it since (edits, voiding, review) from the audit trail.
 */
export async function responseDetail(q: Queryable, id: string, scope: Scope) {
	if (!isUuid(id)) return failure('responseNotFound');
	const response = await detail.get(q, id);
	if (!response) return failure('responseNotFound');
	if (!inScope(scope, response.unit))
		return failure('outOfScope', { params: { code: response.unit } });
	const [instrument, history] = await Promise.all([
		instrumentFor(q, response.instrument, response.instrumentVersion),
		audit.forTarget(q, id)
	]);
	const answers: { code: string; text: Localized | null; value: AnswerValue }[] = instrument
		? itemsOf(instrument)
				.filter((item) => item.code in response.answers)
				.map((item) => ({ code: item.code, text: item.text, value: response.answers[item.code]! }))
		: Object.entries(response.answers).map(([code, value]) => ({ code, text: null, value }));
	return done({ response, answers, history });
}
