import { json } from '@sveltejs/kit';
import { env } from '$env/dynamic/private';
import { timingSafeEqual } from 'node:crypto';
import { db } from '$lib/server/db';
import { apiError, failureResponse, readJson } from '$lib/server/http';
import { mintInput, mintLink, type Minter } from '$lib/server/dossierLinks/service';
import type { RequestHandler } from './$types';

/** Whether the request carries the one-stop-shop system's token (`DOSSIER_LINKS_TOKEN`). */
function fromService(request: Request): boolean {
	const expected = env.DOSSIER_LINKS_TOKEN ?? '';
	const given = /^Bearer (.+)$/.exec(request.headers.get('authorization') ?? '')?.[1] ?? '';
	// A token shorter than 32 characters is no token: an unset or weak setting opens nothing.
	if (expected.length < 32 || given.length !== expected.length) return false;
	return timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}

/**
 * `POST /api/dossier-links { unit, dossier[, days] }` → 201 `{ url, unit, dossier, expires,
 * signature }`: a dossier's signed rating link, for the one-stop-shop system (service token)
 * or a signed-in clerk of the unit or admin.
 */
export const POST: RequestHandler = async (event) => {
	const user = event.locals.user;
	const minter: Minter | null = fromService(event.request)
		? { service: true }
		: user
			? { user }
			: null;
	if (!minter) return apiError(event, 401, 'api.error.serviceToken');
	const body = await readJson(event, mintInput);
	if ('response' in body) return body.response;
	const minted = await mintLink(db(), body.data, minter, event.url.origin);
	return minted.ok ? json(minted.value, { status: 201 }) : failureResponse(event, minted);
};
