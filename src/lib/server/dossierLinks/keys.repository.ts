import type { Queryable } from '../db';

/**
 * Keys every app instance shares, made once by whichever asks first (migration 0010). A key in
 * the database follows its backups and its replicas, so links minted before a restore or by
 * another instance still verify.
 */
export async function serverKey(q: Queryable, name: string, make: () => string): Promise<string> {
	const read = () =>
		q.query<{ value: string }>('select value from server_keys where name = $1', [name]);
	const [stored] = await read();
	if (stored) return stored.value;
	// The first to ask makes it; two at once both insert, one wins, both read the winner.
	await q.query('insert into server_keys (name, value) values ($1, $2) on conflict do nothing', [
		name,
		make()
	]);
	return (await read())[0]!.value;
}
