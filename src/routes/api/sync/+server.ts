import { json } from '@sveltejs/kit';
import { db } from '$lib/server/db';
import { failureResponse, readJson } from '$lib/server/http';
import { sync } from '$lib/server/responses/sync';
import { syncBatches } from '$lib/server/operations/metrics';
import type { SyncReply } from '$lib/survey/sync';
import { syncRequest } from '$lib/survey/syncRequest';
import type { RequestHandler } from './$types';

/**
 * `POST /api/sync { responses: [...≤500], health? }` → `{ results: [{ id, status, issues? }] }`
 * from a kiosk (bearer token), a signed-in person (session) or the public link (neither).
 */
export const POST: RequestHandler = async (event) => {
	const { device, user } = event.locals;
	const sender = device ? 'kiosk' : user ? 'person' : 'public';
	const body = await readJson(event, syncRequest);
	if ('response' in body) {
		syncBatches.inc({ sender, outcome: 'malformed' });
		return body.response;
	}
	const submitter = device ? { device } : user ? { user } : { public: true as const };
	const outcome = await sync(db(), body.data, submitter, event.getClientAddress());
	syncBatches.inc({ sender, outcome: outcome.ok ? 'stored' : outcome.reason });
	if (!outcome.ok) return failureResponse(event, outcome);
	const reply: SyncReply = { results: outcome.value, serverTime: new Date().toISOString() };
	return json(reply);
};
