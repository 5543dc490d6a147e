import type { Instrument } from '$lib/survey/instruments';
import { qualityFlags, qualityRules } from '$lib/survey/quality';
import { clockOff } from '$lib/survey/clock';
import type { ResponseInput } from '$lib/survey/responses';
import type { Queryable } from '../db';
import type { Submitter } from './rights';
import * as responses from './responses.repository';

/**
 * The marks each new answer of a batch carries (see `$lib/survey/quality`): the data-quality
 * flags, and `clock` for a kiosk whose last clock report was off. A kiosk's bursts are judged
 * against its answers in this batch and the ones it sent before (by sequence number).
 */
export async function flagsOf(
	q: Queryable,
	batch: readonly { response: ResponseInput; instrument: Instrument }[],
	actor: Submitter,
	clockSkewMs = 0
): Promise<string[][]> {
	const device = actor.device;
	const times = new Map<string, number>();
	if (device && batch.length) {
		const sequences = batch.map((c) => c.response.deviceSeq ?? Infinity);
		const first = Math.min(...sequences);
		const reach = Math.max(...batch.map((c) => qualityRules(c.instrument).burst.answers));
		const before = Number.isFinite(first) ? first : null;
		for (const { id, at } of await responses.deviceSubmissions(q, device.id, before, reach))
			times.set(id, at);
		for (const { response } of batch)
			if (!response.partial) times.set(response.id, Date.parse(response.submittedAt));
	}
	const clock = device && clockOff(clockSkewMs) ? ['clock'] : [];
	return batch.map(({ response, instrument }) => {
		const earlier = device
			? { earlier: [...times].filter(([id]) => id !== response.id).map(([, at]) => at) }
			: undefined;
		return [...qualityFlags(instrument, response, earlier), ...clock];
	});
}
