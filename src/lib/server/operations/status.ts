import { clockOff, clockSkew } from '$lib/survey/clock';
import type { Database } from '../db';
import * as devices from '../devices/devices.repository';
import * as metrics from './metrics';
import * as status from './status.repository';

/**
 * What an admin checks to know the system is well (`/admin/status`), and what Prometheus
 * reads of the same (`scrape`): the queues people must work through, the kiosks that need a
 * visit, and how big the database is and grows.
 */

const DAY = 86_400_000;
/** A kiosk not heard from for this long is probably off, offline or broken. */
export const UNSEEN_MS = DAY;
/** Storage this full leaves a kiosk little room for a day offline. */
export const STORAGE_FULL = 0.9;

export type KioskProblem = 'unseen' | 'storage' | 'clock' | 'notPersisted';

export interface KioskAlert {
	id: string;
	name: string;
	unitCode: string;
	lastSeenAt: Date | null;
	problems: KioskProblem[];
	/** How far its clock ran ahead of the server's when it last reported (ms). */
	skewMs: number;
	/** Storage used, as a share of its quota (0–1), when known. */
	storage: number | null;
}

/** The kiosks in service that need someone's attention, and why. */
export function kioskAlerts(list: readonly devices.Device[], now: Date): KioskAlert[] {
	return list.flatMap((device) => {
		if (!device.enrolledAt || device.revokedAt || device.retiredAt) return [];
		const health = device.health;
		const seen = device.lastSeenAt ?? device.enrolledAt;
		const skewMs = clockSkew(health?.clock, device.healthAt?.getTime());
		const storage =
			health?.storageUsage != null && health.storageQuota
				? health.storageUsage / health.storageQuota
				: null;
		const problems: KioskProblem[] = [];
		if (now.getTime() - seen.getTime() > UNSEEN_MS) problems.push('unseen');
		if (storage !== null && storage >= STORAGE_FULL) problems.push('storage');
		if (clockOff(skewMs)) problems.push('clock');
		if (health?.persisted === false) problems.push('notPersisted');
		if (!problems.length) return [];
		const { id, name, unitCode, lastSeenAt } = device;
		return [{ id, name, unitCode, lastSeenAt, problems, skewMs, storage }];
	});
}

export interface SystemStatus {
	queues: status.Queues;
	kiosks: KioskAlert[];
	database: {
		engine: Database['engine'];
		bytes: number;
		/** The size noted a week and a month ago (housekeeping notes it daily), if it was. */
		weekAgo: { day: string; bytes: number } | null;
		monthAgo: { day: string; bytes: number } | null;
	};
}

const dayBefore = (now: Date, days: number) =>
	new Date(now.getTime() - days * DAY).toISOString().slice(0, 10);

export async function systemStatus(db: Database, now = new Date()): Promise<SystemStatus> {
	const [queues, list, bytes, weekAgo, monthAgo] = await Promise.all([
		status.queues(db),
		devices.list(db),
		status.size(db),
		status.sizeOn(db, dayBefore(now, 7)),
		status.sizeOn(db, dayBefore(now, 30))
	]);
	return {
		queues,
		kiosks: kioskAlerts(list, now),
		database: { engine: db.engine, bytes, weekAgo, monthAgo }
	};
}

/** Sets the gauges read at each scrape: the queues and, on PostgreSQL, the pool. */
export async function scrape(db: Database): Promise<void> {
	const queues = await status.queues(db);
	metrics.held.set(queues.held);
	metrics.quarantined.set(queues.quarantined);
	if (db.engine === 'postgres') {
		const pool = db.native as { totalCount: number; idleCount: number; waitingCount: number };
		metrics.pool.set({ state: 'total' }, pool.totalCount);
		metrics.pool.set({ state: 'idle' }, pool.idleCount);
		metrics.pool.set({ state: 'waiting' }, pool.waitingCount);
	}
}
