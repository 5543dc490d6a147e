import { randomUUID } from 'node:crypto';

/**
 * A citizen's answer from the public link as /api/sync takes it: today, for DEMO.X01, one item
 * answered. Tests override what they care about.
 */
export function anAnswer(over: Record<string, unknown> = {}) {
	return {
		id: randomUUID(),
		instrument: 'sipas-service-2023',
		instrumentVersion: 1,
		unit: 'DEMO.X01',
		channel: 'web',
		submittedAt: new Date().toISOString(),
		answers: { A1: 4 },
		...over
	};
}
