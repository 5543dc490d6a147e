import { json } from '@sveltejs/kit';
import { db } from '$lib/server/db';
import type { RequestHandler } from './$types';

/** For load balancers and kiosks: the server answers and its database does too. */
export const GET: RequestHandler = async () => {
	await db().query('select 1');
	return json({ status: 'ok' });
};
