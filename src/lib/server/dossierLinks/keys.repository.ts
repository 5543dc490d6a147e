import type { Queryable } from '../db';

/**
 * Keys every app instance shares, made once by whichever asks first (migration 0010). A key in
 * the database follows its backups and its replicas, so links minted before a restore or by
 * another instance still verify.
 */
export async function serverKey(q: Queryable, name: string, make: () => string): Promise<string> {
	await q.query('insert into server_keys (name, value) values ($1, $2) on conflict do nothing', [
		name,
		make()
	]);
	const [row] = await q.query<{ value: string }>('select value from server_keys where name = $1', [
		name
	]);
	return row!.value;
}
