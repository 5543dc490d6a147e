import { beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../db/testing';
import type { Database } from '../db';
import * as responses from './responses.repository';
import * as units from '../units/units.repository';
import type * as users from '../people/users.repository';
import { aUser, serviceForm } from '../factories';
import { seedUnits, useTestDatabase } from '../testing';
import { demoResponses } from '../demo/responses';
import { inputOf } from './rows';
import { ingest } from './ingest';

/**
 * Two batches holding the same ids at once, on PostgreSQL (PGlite has one connection, so its
 * transactions never overlap). The interleaving is forced, not left to timing: a batch in
 * flight has stored one id and waits; the other batch is sent and must be seen waiting before
 * the first goes on to store the second id.
 */
describe.each(testEngines().filter((engine) => engine === 'postgres'))(
	'ingest races [%s]',
	(engine) => {
		const t = useTestDatabase(engine);
		let admin: users.User;
		beforeAll(async () => {
			await seedUnits(t.db);
			admin = await aUser(t.db, { username: 'ad', role: 'admin', unitCode: null });
		});

		it('waits for a batch in flight with the same ids in another order instead of deadlocking', async () => {
			const [x, y] = demoResponses({
				instrument: serviceForm,
				units: await units.list(t.db, ['DEMO.X01']),
				from: '2026-03-02',
				to: '2026-03-07',
				perDay: 2,
				seed: 11
			});
			let goOn!: () => void;
			const paused = new Promise<void>((resolve) => (goOn = resolve));
			let storedX!: () => void;
			const holdingX = new Promise<void>((resolve) => (storedX = resolve));
			// A batch [x, y] by the rules every batch follows: its ids locked, then inserted in the
			// order sent; it has written x and is about to write y.
			const inFlight = t.db.transaction(async (tx) => {
				await responses.lockIds(tx, [x!.id, y!.id]);
				await responses.insertNew(tx, [x!]);
				storedX();
				await paused;
				await responses.insertNew(tx, [y!]);
			});
			await holdingX;
			const sent = ingest(t.db, [inputOf(y!), inputOf(x!)], { user: admin }, { history: true });
			await expect.poll(() => waitingForALock(t.db), { timeout: 10_000 }).toBeGreaterThan(0);
			goOn();
			await inFlight;
			expect((await sent).map((r) => r.status)).toEqual(['duplicate', 'duplicate']);
			expect((await responses.hashes(t.db, [x!.id, y!.id])).size).toBe(2);
		});
	}
);

/** How many sessions of this database wait for a lock (a row's or an advisory one). */
async function waitingForALock(db: Database): Promise<number> {
	const [waiting] = await db.query<{ n: number }>(
		`select count(*)::int as n from pg_stat_activity
		where datname = current_database() and wait_event_type = 'Lock'`
	);
	return waiting!.n;
}
