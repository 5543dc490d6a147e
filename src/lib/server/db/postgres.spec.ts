import { describe, expect, it } from 'vitest';
import { testDatabase, testEngines } from './testing';

describe.runIf(testEngines().includes('postgres'))('the PostgreSQL pool', () => {
	it('opens sessions without parallel plans, on every connection and in transactions', async () => {
		const { db, close } = await testDatabase('postgres');
		try {
			// Several at once: each may be a connection of its own.
			const shown = await Promise.all(
				Array.from({ length: 4 }, () =>
					db.query<{ max_parallel_workers_per_gather: string }>(
						'show max_parallel_workers_per_gather'
					)
				)
			);
			expect(shown.map(([row]) => row?.max_parallel_workers_per_gather)).toEqual([
				'0',
				'0',
				'0',
				'0'
			]);
			const inside = await db.transaction((tx) =>
				tx.query<{ max_parallel_workers_per_gather: string }>(
					'show max_parallel_workers_per_gather'
				)
			);
			expect(inside[0]?.max_parallel_workers_per_gather).toBe('0');
		} finally {
			await close();
		}
	});
});
