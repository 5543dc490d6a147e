import type { ResponseInput } from '$lib/survey/responses';
import { sha256Of } from './canonical';
import type { NewResponse } from './responses.repository';

/**
 * What the response says, as first sent: a resend with the same id must hash the same.
 * Everything but `deviceId`, which the server takes from the token anyway.
 */
export function contentHash(response: ResponseInput): string {
	const { deviceId: _device, ...content } = response;
	return sha256Of(content);
}

/** A stored row as the response a device would have sent (benchmarks and checks). */
export function inputOf(row: NewResponse) {
	return {
		id: row.id,
		instrument: row.instrument_code,
		instrumentVersion: row.instrument_version,
		unit: row.unit_code,
		channel: row.channel,
		submittedAt: row.submitted_at,
		answers: row.answers,
		...(row.comment ? { comment: row.comment } : {})
	};
}
