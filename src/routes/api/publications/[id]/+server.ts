import { json } from '@sveltejs/kit';
import { db } from '$lib/server/db';
import { scopeFor } from '$lib/server/auth/guard';
import { failureResponse } from '$lib/server/http';
import { getFor } from '$lib/server/publications/service';
import { publishedFigures } from '$lib/server/publications/replies';
import type { RequestHandler } from './$types';

/**
 * `GET /api/publications/:id`: the figures as published, in the shapes of `/api/indices`
 * (`index`) and `/api/rankings` (`rankings`, one per block). Frozen: the same bytes every time.
 */
export const GET: RequestHandler = async (event) => {
	const found = await getFor(db(), event.params.id, await scopeFor(event.locals));
	if (!found.ok) return failureResponse(event, found);
	return json(publishedFigures(found.value.publication, found.value.snapshot));
};
