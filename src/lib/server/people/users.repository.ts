import type { Queryable } from '../db';

export const roles = ['admin', 'manager', 'staff'] as const;
export type Role = (typeof roles)[number];

export interface User {
	id: string;
	username: string;
	displayName: string;
	role: Role;
	unitCode: string | null;
	disabledAt: Date | null;
}

const columns = `id, username, display_name as "displayName", role, unit_code as "unitCode",
	disabled_at as "disabledAt"`;

export async function list(q: Queryable): Promise<User[]> {
	return q.query<User>(`select ${columns} from users order by lower(username)`);
}

export async function get(q: Queryable, id: string): Promise<User | undefined> {
	const [user] = await q.query<User>(`select ${columns} from users where id = $1`, [id]);
	return user;
}

/** The account with its password hash, for signing in; usernames match case-insensitively. */
export async function findForLogin(
	q: Queryable,
	username: string
): Promise<(User & { passwordHash: string }) | undefined> {
	const [user] = await q.query<User & { passwordHash: string }>(
		`select ${columns}, password_hash as "passwordHash" from users where lower(username) = lower($1)`,
		[username]
	);
	return user;
}

export async function usernameTaken(q: Queryable, username: string): Promise<boolean> {
	const rows = await q.query('select 1 from users where lower(username) = lower($1)', [username]);
	return rows.length > 0;
}

export async function insert(
	q: Queryable,
	user: Omit<User, 'disabledAt'> & { passwordHash: string }
): Promise<void> {
	await q.query(
		`insert into users (id, username, display_name, role, unit_code, password_hash)
		values ($1, $2, $3, $4, $5, $6)`,
		[user.id, user.username, user.displayName, user.role, user.unitCode, user.passwordHash]
	);
}

export async function update(
	q: Queryable,
	id: string,
	change: Pick<User, 'displayName' | 'role' | 'unitCode'>
): Promise<void> {
	await q.query(
		`update users set display_name = $2, role = $3, unit_code = $4, updated_at = now() where id = $1`,
		[id, change.displayName, change.role, change.unitCode]
	);
}

export async function setPasswordHash(q: Queryable, id: string, hash: string): Promise<void> {
	await q.query('update users set password_hash = $2, updated_at = now() where id = $1', [
		id,
		hash
	]);
}

export async function setDisabled(q: Queryable, id: string, disabled: boolean): Promise<void> {
	await q.query(
		`update users set disabled_at = case when $2 then now() else null end, updated_at = now()
		where id = $1`,
		[id, disabled]
	);
}

/** Admins who can still sign in. */
export async function countActiveAdmins(q: Queryable): Promise<number> {
	const [row] = await q.query<{ n: number }>(
		`select count(*)::int as n from users where role = 'admin' and disabled_at is null`
	);
	return row?.n ?? 0;
}
