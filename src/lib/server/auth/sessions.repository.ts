import type { Queryable } from '../db';
import { userColumns, type User } from '../people/users.repository';

export async function insert(
	q: Queryable,
	tokenHash: string,
	userId: string,
	expiresAt: Date
): Promise<void> {
	await q.query('insert into sessions (token_hash, user_id, expires_at) values ($1, $2, $3)', [
		tokenHash,
		userId,
		expiresAt
	]);
}

/** The signed-in user behind a session, unless it expired or the account was disabled. */
export async function findUser(q: Queryable, tokenHash: string): Promise<User | undefined> {
	const [user] = await q.query<User>(
		`select ${userColumns('u')}
		from sessions s join users u on u.id = s.user_id
		where s.token_hash = $1 and s.expires_at > now() and u.disabled_at is null`,
		[tokenHash]
	);
	return user;
}

export async function remove(q: Queryable, tokenHash: string): Promise<void> {
	await q.query('delete from sessions where token_hash = $1', [tokenHash]);
}

/** Signs a person out everywhere (password reset, role change, disabled account). */
export async function removeForUser(q: Queryable, userId: string): Promise<void> {
	await q.query('delete from sessions where user_id = $1', [userId]);
}

/** Sessions past their end (nobody can use them again); returns how many were removed. */
export async function removeExpired(q: Queryable): Promise<number> {
	const rows = await q.query('delete from sessions where expires_at <= now() returning 1');
	return rows.length;
}
