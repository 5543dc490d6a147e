import { describe, expect, it } from 'vitest';
import { migrate, migrations } from './migrate';
import { testEngines } from './testing';
import { useTestDatabase } from '../testing';

describe.each(testEngines())('migrations [%s]', (engine) => {
	const t = useTestDatabase(engine);

	it('are numbered, unique and in order', () => {
		const versions = migrations.map((m) => m.version);
		expect(versions.length).toBeGreaterThan(0);
		expect(new Set(versions).size).toBe(versions.length);
		expect(versions.every((v) => /^\d{4}$/.test(v))).toBe(true);
	});

	it('are recorded and applied once', async () => {
		const rows = await t.db.query<{ version: string }>(
			'select version from schema_migrations order by version'
		);
		expect(rows.map((r) => r.version)).toEqual(migrations.map((m) => m.version));
		expect(await migrate(t.db)).toEqual([]);
	});

	it('create the tables the app uses', async () => {
		const rows = await t.db.query<{ name: string }>(
			`select table_name as name from information_schema.tables where table_schema = 'public'`
		);
		expect(rows.map((r) => r.name)).toEqual(
			expect.arrayContaining(['units', 'users', 'sessions', 'devices', 'rate_limits', 'audit_log'])
		);
	});

	it('refuse to start when an applied migration was edited', async () => {
		const edited = migrations.map((m, i) => (i === 0 ? { ...m, sql: `${m.sql}\n-- edited` } : m));
		await expect(migrate(t.db, edited)).rejects.toThrow(/changed after it was applied/);
	});

	it('roll back a failing migration completely', async () => {
		const broken = [
			...migrations,
			{ version: '9998', name: '9998_ok', sql: 'create table tmp_ok (id int);' },
			{
				version: '9999',
				name: '9999_bad',
				sql: 'create table tmp_bad (id int); select * from nowhere;'
			}
		];
		await expect(migrate(t.db, broken)).rejects.toThrow();
		const rows = await t.db.query(
			`select 1 from information_schema.tables where table_name in ('tmp_ok', 'tmp_bad')`
		);
		expect(rows).toEqual([]);
	});

	it('return the same value shapes on every engine', async () => {
		const [row] = await t.db.query<{
			d: string;
			n: number;
			ts: Date;
			arr: string[];
			j: { a: number };
		}>(
			`select date '2025-06-30' as d, 12345678901::bigint as n, now() as ts, array['a','b'] as arr,
				'{"a":1}'::jsonb as j`
		);
		expect(row).toMatchObject({ d: '2025-06-30', n: 12345678901, arr: ['a', 'b'], j: { a: 1 } });
		expect(row!.ts).toBeInstanceOf(Date);
	});
});
