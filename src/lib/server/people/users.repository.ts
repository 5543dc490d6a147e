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
	/** Set for a password someone else chose: the person sets their own before anything else. */
	mustChangePassword: boolean;
}

/** The columns of a `User`, from the `users` table under `alias`. */
export const userColumns = (alias = 'users') =>
	`${alias}.id, ${alias}.username, ${alias}.display_name as "displayName", ${alias}.role,
	${alias}.unit_code as "unitCode", ${alias}.disabled_at as "disabledAt",
	${alias}.must_change_password as "mustChangePassword"`;

const columns = userColumns();

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
	user: Omit<User, 'disabledAt' | 'mustChangePassword'> & {
		passwordHash: string;
		mustChangePassword?: boolean;
	}
): Promise<void> {
	await q.query(
		`insert into users (id, username, display_name, role, unit_code, password_hash, must_change_password)
		values ($1, $2, $3, $4, $5, $6, $7)`,
		[
			user.id,
			user.username,
			user.displayName,
			user.role,
			user.unitCode,
			user.passwordHash,
			user.mustChangePassword ?? false
		]
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

/** A new password; `mustChange` when someone else chose it. */
export async function setPasswordHash(
	q: Queryable,
	id: string,
	hash: string,
	mustChange = false
): Promise<void> {
	await q.query(
		`update users set password_hash = $2, must_change_password = $3, updated_at = now()
		where id = $1`,
		[id, hash, mustChange]
	);
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
