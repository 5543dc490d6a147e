import type { Queryable } from '../db';
import * as sessions from './sessions.repository';
import type { User } from '../people/users.repository';
import { newToken, sha256 } from './crypto';

export const SESSION_COOKIE = 'sipas_session';
/** A working day and then some; signing in again each morning is expected. */
export const SESSION_HOURS = 12;

/** Starts a session and returns the token for the cookie (only its hash is stored). */
export async function startSession(
	q: Queryable,
	userId: string
): Promise<{ token: string; expiresAt: Date }> {
	const token = newToken();
	const expiresAt = new Date(Date.now() + SESSION_HOURS * 3600_000);
	await sessions.insert(q, sha256(token), userId, expiresAt);
	return { token, expiresAt };
}

export async function userForSession(
	q: Queryable,
	token: string | undefined
): Promise<User | undefined> {
	if (!token || token.length > 100) return undefined;
	return sessions.findUser(q, sha256(token));
}

export async function endSession(q: Queryable, token: string | undefined): Promise<void> {
	if (token) await sessions.remove(q, sha256(token));
}
