import { issue, type Issue } from './issues';
import { vietnamDay, type ResponseInput } from './responses';
import type { Unit } from './units';
import { CLOCK_SKEW_MS } from './clock';

export { CLOCK_SKEW_MS, clockOff, clockSkew } from './clock';

/**
 * When an answer may be counted. The people ranked are also the people who enter the data,
 * so the server, not the sender, decides which dates are believable:
 *
 * - an answer is dated inside its unit's validity: a commune created on 1 July 2025 has no
 *   answers from March 2025, and a district closed on 30 June 2025 none from August;
 * - nothing is dated after the server received it, give or take `CLOCK_SKEW_MS` (a tablet's
 *   clock a few minutes fast is normal; an hour is not); a paper form carries only a day,
 *   which may be today but not tomorrow;
 * - a kiosk answer is not older than the device's first enrolment: the tablet could not
 *   record it before it was a kiosk;
 * - a public answer older than `PUBLIC_HOLD_AFTER_MS` is held, not refused: a phone can queue
 *   an answer through a weekend without signal, and a person decides;
 * - a kiosk reports its clock with its health at every sync. A kiosk whose clock is off is
 *   judged by the server's time (its answers' times less the offset) and its answers are
 *   marked `clock`, counted but visible as such.
 *
 * Pure: ingest runs it with the server's clock; tests with any clock.
 */

/** A public answer this much older than its receipt (72 hours) is held for review. */
export const PUBLIC_HOLD_AFTER_MS = 72 * 3600_000;

export interface AdmissionContext {
	/** When the server received the answer (ms since the epoch). */
	receivedAt: number;
	unit: Pick<Unit, 'code' | 'validFrom' | 'validTo'>;
	/** For kiosk answers: when the sending device was first enrolled. */
	enrolledAt?: Date | null;
	/** For kiosk answers: how far the device's clock runs ahead of the server's (ms). */
	clockSkewMs?: number;
}

const at = (ms: number) => new Date(ms).toISOString();

/** Why the answer's date cannot be counted; empty when it can. */
export function timeIssues(response: ResponseInput, context: AdmissionContext): Issue[] {
	const { receivedAt, unit, enrolledAt } = context;
	const issues: Issue[] = [];
	const day = vietnamDay(response.submittedAt);
	// On the server's clock: a kiosk's reported offset taken off.
	const skew = response.channel === 'kiosk' ? (context.clockSkewMs ?? 0) : 0;
	const submitted = Date.parse(response.submittedAt) - skew;
	if (unit.validFrom && day < unit.validFrom)
		issues.push(
			issue(['submittedAt'], 'beforeUnit', `${day} is before unit ${unit.code} existed`, {
				day,
				unit: unit.code,
				from: unit.validFrom
			})
		);
	if (unit.validTo && day > unit.validTo)
		issues.push(
			issue(['submittedAt'], 'afterUnit', `${day} is after unit ${unit.code} closed`, {
				day,
				unit: unit.code,
				to: unit.validTo
			})
		);
	const future =
		response.channel === 'paper'
			? day > vietnamDay(at(receivedAt))
			: submitted > receivedAt + CLOCK_SKEW_MS;
	if (future)
		issues.push(
			issue(['submittedAt'], 'future', `dated ${response.submittedAt}, after it was received`, {
				at: response.submittedAt
			})
		);
	if (
		response.channel === 'kiosk' &&
		enrolledAt &&
		submitted < enrolledAt.getTime() - CLOCK_SKEW_MS
	)
		issues.push(
			issue(['submittedAt'], 'beforeEnrolment', 'dated before the kiosk was enrolled', {
				at: response.submittedAt,
				enrolled: enrolledAt.toISOString()
			})
		);
	return issues;
}

/** A public answer that waited too long on the phone: kept, held for a person to decide. */
export function heldAsLate(response: ResponseInput, receivedAt: number): boolean {
	return (
		response.channel === 'web' &&
		Date.parse(response.submittedAt) < receivedAt - PUBLIC_HOLD_AFTER_MS
	);
}
