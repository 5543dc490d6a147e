import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { unitCode } from '$lib/survey/units';
import { db } from '$lib/server/db';
import { scopeFor, unitAccess } from '$lib/server/auth/guard';
import { failureResponse, readJson, readQuery } from '$lib/server/http';
import { listFor, publish, publishInput } from '$lib/server/publications/service';
import { publicationReply } from '$lib/server/publications/replies';
import type { RequestHandler } from './$types';

/** `GET /api/publications?unit=CODE`: the publications of the unit's subtree, newest first. */
export const GET: RequestHandler = async (event) => {
	const query = readQuery(event, z.object({ unit: unitCode }));
	if ('response' in query) return query.response;
	const access = await unitAccess(event.locals, query.data.unit);
	if (!access.ok) return failureResponse(event, access);
	const rows = await listFor(db(), query.data.unit);
	return json(
		rows.map((row) => ({ ...publicationReply(row), current: row.current, since: row.since }))
	);
};

/**
 * `POST /api/publications { unit, instrument, from, to, reference[, reason][, flagged] }` →
 * 201 with the publication: an admin, or a manager for a unit of their subtree.
 */
export const POST: RequestHandler = async (event) => {
	const body = await readJson(event, publishInput);
	if ('response' in body) return body.response;
	const scope = await scopeFor(event.locals);
	const result = await publish(db(), body.data, event.locals.user!, scope);
	if (!result.ok) return failureResponse(event, result);
	return json(publicationReply(result.value), { status: 201 });
};
