import type { Database } from '../db';
import { LOCKS } from '../db/locks';
import * as sessions from '../auth/sessions.repository';
import * as rateLimits from '../auth/rateLimits.repository';
import * as held from '../responses/held.repository';
import { log } from '../operations/log';
import { recordSize } from '../operations/status.repository';

/**
 * What the server throws away, and when. Held answers come mostly from the public link
 * (a flood, a unit's daily ceiling, a late answer): an anonymous sender could otherwise add
 * tens of thousands a day for ever. A reviewer has `heldDays` to decide; after that an
 * undecided one is removed. Decided ones (accepted or rejected) are kept for the audit.
 */
export interface Retention {
	heldDays: number;
	/** Rate-limit windows are a day at most: a counter older than this is dead. */
	rateLimitSeconds: number;
}

export const RETENTION: Retention = { heldDays: 90, rateLimitSeconds: 2 * 24 * 3600 };

export interface HousekeepingReport {
	sessions: number;
	rateLimits: number;
	/** Held answers removed, by hold reason. */
	held: Record<string, number>;
}

/**
 * One round of housekeeping (and the day's database size noted), by one server at a time (an advisory lock: a server that finds
 * it taken skips the round and returns `undefined`).
 */
export function housekeeping(
	db: Database,
	retention: Retention = RETENTION
): Promise<HousekeepingReport | undefined> {
	return db.exclusive(
		LOCKS.housekeeping,
		async () => {
			const report = {
				sessions: await sessions.removeExpired(db),
				rateLimits: await rateLimits.removeOlderThan(db, retention.rateLimitSeconds),
				held: await held.removeUndecided(db, retention.heldDays)
			};
			// Not a removal: the day's size, for the growth on the admins' status page.
			await recordSize(db);
			return report;
		},
		{ wait: false }
	);
}

/** The log line of a round that removed something; `undefined` when it removed nothing. */
export function reportLine(report: HousekeepingReport | undefined): string | undefined {
	if (!report) return undefined;
	const held = Object.entries(report.held);
	if (!report.sessions && !report.rateLimits && !held.length) return undefined;
	const heldText = held.length ? held.map(([reason, n]) => `${n} ${reason}`).join(', ') : 'none';
	return `housekeeping: removed ${report.sessions} expired sessions, ${report.rateLimits} old rate-limit counters, held answers undecided past retention: ${heldText}`;
}

/**
 * Runs housekeeping every `minutes` (first after one minute), without keeping the process
 * alive; returns the function that stops it. A failed round is logged and the next one runs.
 */
export function scheduleHousekeeping(
	db: Database,
	retention: Retention = RETENTION,
	minutes = 60
): () => void {
	const round = async () => {
		try {
			const line = reportLine(await housekeeping(db, retention));
			if (line) log.info(line);
		} catch (error) {
			log.error({ err: error }, 'housekeeping failed');
		}
	};
	const first = setTimeout(() => void round(), 60_000);
	const every = setInterval(() => void round(), minutes * 60_000);
	first.unref();
	every.unref();
	return () => {
		clearTimeout(first);
		clearInterval(every);
	};
}
