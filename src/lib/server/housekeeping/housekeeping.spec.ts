import { beforeAll, describe, expect, it } from 'vitest';
import { startSession } from '../auth/sessions';
import * as rateLimits from '../auth/rateLimits.repository';
import { LOCKS } from '../db/locks';
import { testEngines } from '../db/testing';
import { aResponse, aUser } from '../factories';
import { ingest } from '../responses/ingest';
import * as rollups from '../responses/rollups.repository';
import { seedUnits, useTestDatabase } from '../testing';
import { housekeeping, reportLine } from './housekeeping';

describe.each(testEngines())('housekeeping [%s]', (engine) => {
	const t = useTestDatabase(engine);
	const held: string[] = [];
	beforeAll(async () => {
		await seedUnits(t.db);
		// Three public answers held as a flood, one of them later rejected by a reviewer.
		const sent = [0, 1, 2].map(() =>
			aResponse({ channel: 'web', submittedAt: new Date().toISOString() })
		);
		const results = await ingest(t.db, sent, { public: true }, { hold: 'flood' });
		expect(results.map((r) => r.status)).toEqual(['created', 'created', 'created']);
		held.push(...sent.map((r) => r.id));
	});

	const statusOf = async (id: string) =>
		(await t.db.query<{ status: string }>('select status from responses where id = $1', [id]))[0]
			?.status;

	it('removes what has expired and keeps everything still alive or decided', async () => {
		const user = await aUser(t.db, { username: 'keeper' });
		const live = await startSession(t.db, user.id);
		await startSession(t.db, user.id);
		await t.db.query(
			`update sessions set expires_at = now() - interval '1 minute'
			where token_hash <> (select token_hash from sessions order by expires_at desc limit 1)`
		);
		await rateLimits.hit(t.db, 'login:ip:old', 60);
		await rateLimits.hit(t.db, 'login:ip:fresh', 60);
		await t.db.query(
			`update rate_limits set window_start = now() - interval '3 days' where key = 'login:ip:old'`
		);
		const [old, decided, recent] = held;
		await t.db.query(
			`update responses set received_at = now() - interval '91 days' where id = any($1)`,
			[[old, decided]]
		);
		await t.db.query(
			`update responses set status = 'rejected', reviewed_at = now() where id = $1`,
			[decided]
		);
		const counters = await rollups.all(t.db);

		const report = await housekeeping(t.db);
		expect(report).toEqual({ sessions: 1, rateLimits: 1, held: { flood: 1 } });
		expect(reportLine(report)).toBe(
			'housekeeping: removed 1 expired sessions, 1 old rate-limit counters, held answers undecided past retention: 1 flood'
		);
		expect(await statusOf(old!)).toBeUndefined();
		expect(await statusOf(decided!)).toBe('rejected');
		expect(await statusOf(recent!)).toBe('held');
		expect(await rollups.all(t.db)).toEqual(counters);
		const keys = await t.db.query<{ key: string }>('select key from rate_limits order by key');
		expect(keys.map((k) => k.key)).toContain('login:ip:fresh');
		expect(live.token).toBeTruthy();
		expect(await t.db.query('select 1 from sessions')).toHaveLength(1);
		// A second round finds nothing to do and says nothing.
		expect(reportLine(await housekeeping(t.db))).toBeUndefined();
	});

	it('runs on one server at a time: a round that finds it running elsewhere skips', async () => {
		const inner = await t.db.exclusive(LOCKS.housekeeping, () => housekeeping(t.db));
		expect(inner).toBeUndefined();
		expect(await housekeeping(t.db)).toMatchObject({ sessions: 0 });
	});
});
