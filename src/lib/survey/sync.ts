import * as v from 'valibot';

/**
 * The contract of `POST /api/sync`, shared by the server and every outbox client (kiosk,
 * entry desk, public form). The request's schema is in syncRequest.ts (the server reads it
 * with zod, beside the kiosk's health schema).
 *
 * The reply is checked on the tablet, whose JavaScript until idle has a 90 KB gzip budget, so
 * its schema is written with valibot, a validator made to be tree-shaken. Measured on the
 * kiosk route until idle (`npm run bench:client`, BENCHMARKS.md "Sync contract"): 86.7 KB
 * before the check; 112.5 KB with the reply schema in full zod (the kiosk loads no zod until
 * idle otherwise); 102.4 KB with `zod/mini` (its core alone is ~15 KB); 88.3 KB with
 * valibot (1.6 KB for the check).
 */

/** The most responses one request may carry. */
export const MAX_BATCH = 500;

/** What the server said about one response: stored now, stored before, or refused. */
export const itemStatuses = ['created', 'duplicate', 'conflict', 'invalid'] as const;
export type ItemStatus = (typeof itemStatuses)[number];

/** Why an item was refused; the same shape as `Issue` in issues.ts. */
const issueSchema = v.object({
	path: v.array(v.union([v.string(), v.number()])),
	message: v.string(),
	key: v.optional(v.string()),
	params: v.optional(v.record(v.string(), v.union([v.string(), v.number()])))
});

/** One item of the reply, in batch order. `id` is null when the item had none to read. */
export const itemResult = v.object({
	id: v.nullable(v.string()),
	status: v.picklist(itemStatuses),
	issues: v.optional(v.array(issueSchema))
});
export type ItemResult = v.InferOutput<typeof itemResult>;

/** The reply to an accepted request: one result per item sent, and the server's clock. */
export const syncReply = v.object({
	results: v.array(itemResult),
	serverTime: v.string()
});
export type SyncReply = v.InferOutput<typeof syncReply>;

/** The reply, checked: its data, or undefined when it is not a sync reply. */
export function readSyncReply(body: unknown): SyncReply | undefined {
	const parsed = v.safeParse(syncReply, body);
	return parsed.success ? parsed.output : undefined;
}
