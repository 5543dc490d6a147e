import { createHash } from 'node:crypto';
import { LOCKS } from './locks';
import type { Database } from './types';

export interface Migration {
	version: string;
	name: string;
	sql: string;
}

const files = import.meta.glob('./migrations/*.sql', {
	query: '?raw',
	import: 'default',
	eager: true
}) as Record<string, string>;

/** The committed migrations, in order. File names are `NNNN_description.sql`. */
export const migrations: Migration[] = Object.entries(files)
	.map(([path, sql]) => {
		const name = path.slice(path.lastIndexOf('/') + 1, -'.sql'.length);
		return { version: name.slice(0, 4), name, sql };
	})
	.sort((a, b) => a.version.localeCompare(b.version));

const checksum = (sql: string) => createHash('sha256').update(sql).digest('hex');

/**
 * Applies the pending migrations in one transaction, so a failed start-up leaves the schema
 * as it was. An applied migration whose file has since changed stops the start: committed
 * migrations are immutable, changes go in a new file.
 * Returns the names of the migrations it applied.
 */
export async function migrate(db: Database, list: Migration[] = migrations): Promise<string[]> {
	return db.transaction(async (tx) => {
		await tx.query('select pg_advisory_xact_lock($1)', [LOCKS.migrations]);
		await tx.exec(`create table if not exists schema_migrations (
			version text primary key,
			name text not null,
			checksum text not null,
			applied_at timestamptz not null default now()
		)`);
		const applied = new Map(
			(
				await tx.query<{ version: string; checksum: string }>(
					'select version, checksum from schema_migrations'
				)
			).map((row) => [row.version, row.checksum])
		);
		const done: string[] = [];
		for (const migration of list) {
			const sum = checksum(migration.sql);
			const previous = applied.get(migration.version);
			if (previous !== undefined) {
				if (previous !== sum) {
					throw new Error(`Migration ${migration.name} was changed after it was applied.`);
				}
				continue;
			}
			await tx.exec(migration.sql);
			await tx.query(
				'insert into schema_migrations (version, name, checksum) values ($1, $2, $3)',
				[migration.version, migration.name, sum]
			);
			done.push(migration.name);
		}
		return done;
	});
}
