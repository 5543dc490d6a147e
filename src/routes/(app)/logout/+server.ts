import { redirect } from '@sveltejs/kit';
import { clearSessionCookie } from '$lib/server/auth/cookies';
import { endSession, SESSION_COOKIE } from '$lib/server/auth/sessions';
import { db } from '$lib/server/db';
import type { RequestHandler } from './$types';

/** POST only: a link or an image cannot sign anybody out. */
export const POST: RequestHandler = async ({ cookies }) => {
	await endSession(db(), cookies.get(SESSION_COOKIE));
	clearSessionCookie(cookies);
	redirect(303, '/');
};
