import { beforeAll, describe, expect, it } from 'vitest';
import type { DeviceHealth } from '$lib/survey/kiosk';
import { testEngines } from '../db/testing';
import { aKiosk, aResponse } from '../factories';
import * as devices from '../devices/devices.repository';
import { housekeeping } from '../housekeeping/housekeeping';
import { ingest } from '../responses/ingest';
import { seedUnits, useTestDatabase } from '../testing';
import { registry } from './metrics';
import { kioskAlerts, scrape, systemStatus } from './status';

const HOUR = 3_600_000;
const health = (over: Partial<DeviceHealth> = {}): DeviceHealth => ({
	unsent: 0,
	quarantined: 0,
	lastSyncAt: null,
	lastError: null,
	persisted: true,
	storageUsage: 10e6,
	storageQuota: 1000e6,
	appVersion: '1',
	...over
});

describe('the kiosks an admin must check', () => {
	const now = new Date('2026-11-30T10:00:00Z');
	const device = (over: Partial<devices.Device>): devices.Device =>
		({
			id: 'k',
			name: 'Ki-ốt',
			unitCode: 'DEMO.X01',
			enrolledAt: new Date(now.getTime() - 30 * 24 * HOUR),
			revokedAt: null,
			retiredAt: null,
			lastSeenAt: new Date(now.getTime() - HOUR),
			health: health(),
			healthAt: new Date(now.getTime() - HOUR),
			...over
		}) as devices.Device;

	it('names each problem: silent a day, storage full, clock off, storage not persistent', () => {
		const alerts = kioskAlerts(
			[
				device({ id: 'well' }),
				device({ id: 'silent', lastSeenAt: new Date(now.getTime() - 25 * HOUR) }),
				device({ id: 'never', lastSeenAt: null }),
				device({ id: 'full', health: health({ storageUsage: 950e6 }) }),
				device({
					id: 'clock',
					health: health({ clock: new Date(now.getTime() - HOUR + 20 * 60_000).toISOString() })
				}),
				device({ id: 'volatile', health: health({ persisted: false }) }),
				// Out of service: nobody needs to visit them.
				device({ id: 'revoked', revokedAt: now, lastSeenAt: null }),
				device({ id: 'retired', retiredAt: now, lastSeenAt: null }),
				device({ id: 'unenrolled', enrolledAt: null, lastSeenAt: null })
			],
			now
		);
		expect(alerts.map((a) => [a.id, a.problems])).toEqual([
			['silent', ['unseen']],
			['never', ['unseen']],
			['full', ['storage']],
			['clock', ['clock']],
			['volatile', ['notPersisted']]
		]);
		expect(alerts.find((a) => a.id === 'full')!.storage).toBeCloseTo(0.95, 10);
		expect(alerts.find((a) => a.id === 'clock')!.skewMs).toBe(20 * 60_000);
		// A kiosk enrolled an hour ago that has not synced yet is not "silent".
		expect(
			kioskAlerts([device({ enrolledAt: new Date(now.getTime() - HOUR), lastSeenAt: null })], now)
		).toEqual([]);
	});
});

describe.each(testEngines())('the system status [%s]', (engine) => {
	const t = useTestDatabase(engine);
	beforeAll(() => seedUnits(t.db));

	it('counts the held and quarantined answers, the kiosks to check, the size and its growth', async () => {
		const empty = await systemStatus(t.db);
		expect(empty.queues).toEqual({
			held: 0,
			heldSince: null,
			quarantined: 0,
			quarantinedSince: null
		});
		expect(empty.database).toMatchObject({ engine, weekAgo: null, monthAgo: null });
		expect(empty.database.bytes).toBeGreaterThan(1e6);

		const { device } = await aKiosk(t.db);
		await devices.setHealth(t.db, device.id, health({ storageUsage: 990e6 }));
		// Sent 80 hours after it was given: held. A kiosk's answer to a unit that does not exist:
		// refused and quarantined.
		const late = aResponse({
			channel: 'web',
			submittedAt: new Date(Date.now() - 80 * HOUR).toISOString()
		});
		expect((await ingest(t.db, [late], { public: true }))[0]!.status).toBe('created');
		const stray = aResponse({ unit: 'NOWHERE' });
		expect((await ingest(t.db, [stray], { device }))[0]!.status).toBe('invalid');

		// Housekeeping notes the day's size; the page compares it with a week and a month ago.
		expect(await housekeeping(t.db)).toBeDefined();
		await t.db.query(
			`insert into database_sizes (day, bytes) values (current_date - 8, 1000), (current_date - 40, 10)`
		);
		const now = await systemStatus(t.db);
		expect(now.queues).toMatchObject({ held: 1, quarantined: 1 });
		expect(now.queues.heldSince).toBeInstanceOf(Date);
		expect(now.kiosks.map((k) => [k.id, k.problems])).toEqual([[device.id, ['storage']]]);
		expect(now.database.weekAgo!.bytes).toBe(1000);
		expect(now.database.monthAgo!.bytes).toBe(10);

		// What Prometheus reads: the same queues.
		await scrape(t.db);
		const text = await registry.metrics();
		expect(text).toMatch(/^sipas_held_answers 1$/m);
		expect(text).toMatch(/^sipas_quarantined_open 1$/m);
		expect(text).toMatch(/^sipas_answers_total\{status="invalid"\} [1-9]/m);
		if (engine === 'postgres')
			expect(text).toMatch(/^sipas_db_pool_connections\{state="total"\} \d/m);
	});
});
