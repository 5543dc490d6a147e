import { mayEnterFor, type Actor } from '../auth/scope';
import type * as quarantine from './quarantine.repository';
import { sha256Of, uuidOfHash } from './canonical';
import type { ItemResult } from '$lib/survey/sync';

/**
 * What a kiosk or a person sent and the server refused, for the unit's quarantine: the
 * device's unit, else the unit named (when the sender may enter for it), else the sender's.
 */
export function refusals(
	batch: readonly unknown[],
	results: readonly ItemResult[],
	actor: Actor,
	batches: ReadonlyMap<string, { id: string }>
): quarantine.Refusal[] {
	return results.flatMap((result, index) => {
		if (result.status !== 'invalid' && result.status !== 'conflict') return [];
		const payload = batch[index];
		const named = (key: string) => {
			const value = (payload as Record<string, unknown> | null)?.[key];
			return typeof value === 'string' ? value : undefined;
		};
		const unit = named('unit');
		const batchId = named('batchId');
		const sender = actor.device?.id ?? actor.user!.id;
		return [
			{
				id: uuidOfHash(sha256Of({ payload, sender })),
				responseId: result.id,
				unitCode:
					actor.device?.unitCode ??
					(unit && mayEnterFor(actor.user!, unit) ? unit : actor.user!.unitCode),
				batchId: batchId && batches.has(batchId) ? batchId : null,
				payload,
				status: result.status,
				issues: result.issues ?? [],
				deviceId: actor.device?.id ?? null,
				userId: actor.user?.id ?? null
			}
		];
	});
}
