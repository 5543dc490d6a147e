import { json } from '@sveltejs/kit';
import { env } from '$env/dynamic/private';
import { bearerMatches } from '$lib/server/auth/crypto';
import { db } from '$lib/server/db';
import { apiError, failureResponse, readJson } from '$lib/server/http';
import { mintInput, mintLink, type Minter } from '$lib/server/dossierLinks/service';
import type { RequestHandler } from './$types';

/**
 * `POST /api/dossier-links { unit, dossier[, days] }` → 201 `{ url, unit, dossier, expires,
 * signature }`: a dossier's signed rating link, for the one-stop-shop system (service token)
 * or a signed-in clerk of the unit or admin.
 */
export const POST: RequestHandler = async (event) => {
	const user = event.locals.user;
	const minter: Minter | null = bearerMatches(event.request, env.DOSSIER_LINKS_TOKEN)
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
