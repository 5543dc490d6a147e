import { json } from '@sveltejs/kit';
import { batchFor } from '$lib/server/batches/service';
import { verifyBody, verifyForm } from '$lib/server/batches/verification';
import { db } from '$lib/server/db';
import { apiError, issuesError, readJson } from '$lib/server/http';
import type { RequestHandler } from './$types';

const refusals = {
	noForm: [404, 'verify.error.noForm'],
	notSampled: [409, 'verify.error.notSampled'],
	sameClerk: [409, 'verify.error.sameClerk'],
	done: [409, 'verify.error.done']
} as const;

/** `POST { serial, answers }`: the second keying of a sampled form (answers 201 `{ serial }`). */
export const POST: RequestHandler = async (event) => {
	const found = await batchFor(db(), event.params.id, event.locals.user!);
	if (!found.ok)
		return apiError(
			event,
			found.status,
			found.status === 404 ? 'batch.error.notFound' : 'api.error.forbidden'
		);
	const body = await readJson(event, verifyBody, 256 * 1024);
	if ('response' in body) return body.response;
	const result = await verifyForm(db(), found.batch, body.data, event.locals.user!);
	if (result.ok) return json({ serial: body.data.serial }, { status: 201 });
	if (result.reason === 'invalid') return issuesError(event, result.issues);
	const [status, key] = refusals[result.reason];
	return apiError(event, status, key, { serial: body.data.serial });
};
