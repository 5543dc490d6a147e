import { z } from 'zod';
import { deviceHealth } from './kiosk';
import { MAX_BATCH } from './sync';

/** The request of `POST /api/sync`: a batch from an outbox, and a kiosk's health beside it. */
export const syncRequest = z
	.object({
		responses: z.array(z.unknown()).max(MAX_BATCH, `at most ${MAX_BATCH} responses per batch`),
		health: deviceHealth.optional()
	})
	.strict();
export type SyncRequest = z.output<typeof syncRequest>;
