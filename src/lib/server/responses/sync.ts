import type { ItemResult } from '$lib/survey/sync';
import type { SyncRequest } from '$lib/survey/syncRequest';
import type { Database } from '../db';
import * as devices from '../devices/devices.repository';
import * as rateLimits from '../auth/rateLimits.repository';
import * as units from '../units/units.repository';
import { senderKey } from '../auth/addresses';
import { today } from '$lib/survey/days';
import { clockSkew } from '$lib/survey/admission';
import { ingest } from './ingest';
import type { Submitter } from './rights';
import { done, failure, type Outcome } from '../outcome';

/**
 * Request budgets. A kiosk draining a long backlog sends a batch every few hundred ms;
 * a phone sends one response per request. Above a budget the answer is 429 and the
 * outbox simply retries later: nothing is lost, nothing is stored twice.
 */
export const limits = {
	device: { hits: 240, seconds: 60 },
	address: { hits: 60, seconds: 600 },
	unit: { hits: 2000, seconds: 600 },
	/** More responses than this from one sender in the window are held for review. */
	flood: { hits: 20, seconds: 600 },
	/**
	 * Public answers a unit takes in one Vietnam day before the rest are held: a one-stop shop
	 * returns a few hundred results on its busiest day, and a commune far fewer, so more than
	 * this many citizens rating it online the same day is a campaign, not a day's work.
	 */
	ceiling: { hits: 500, seconds: 24 * 3600 }
} as const;

export type SyncOutcome = Outcome<ItemResult[], 'throttled'>;

const over = (hits: number, limit: { hits: number }) => hits > limit.hits;

/**
 * Ingests one outbox batch. Kiosks are throttled per device and their health is recorded;
 * the public link is throttled per sender (an IPv4 address or an IPv6 /64: see `senderKey`)
 * and per unit. A sender past `limits.flood` answers in the window, or a unit past its daily
 * `limits.ceiling`, has the rest held (stored, not counted, the reason kept) until a reviewer
 * above the unit accepts or rejects them.
 */
export async function sync(
	db: Database,
	body: SyncRequest,
	submitter: Submitter,
	address: string
): Promise<SyncOutcome> {
	if (submitter.device) {
		const { id } = submitter.device;
		if (over(await rateLimits.hit(db, `sync:device:${id}`, limits.device.seconds), limits.device))
			return failure('throttled');
		if (body.health) await devices.setHealth(db, id, body.health);
		// The clock it reports now, or with its last health: answers judged on the server's time.
		const { health, healthAt } = submitter.device;
		const clockSkewMs = body.health
			? clockSkew(body.health.clock, Date.now())
			: clockSkew(health?.clock, healthAt?.getTime());
		const retired = await devices.retiredOfUnit(db, submitter.device.unitCode);
		return done(await ingest(db, body.responses, submitter, { clockSkewMs, retired }));
	}
	if (submitter.user) return done(await ingest(db, body.responses, submitter));

	const sender = senderKey(address);
	if (over(await rateLimits.hit(db, `sync:ip:${sender}`, limits.address.seconds), limits.address))
		return failure('throttled');
	// Counted for units that exist: an anonymous caller cannot make counters for made-up codes.
	const named = [...new Set(body.responses.map(unitOf).filter((code) => code !== undefined))];
	const existing = named.length ? await units.list(db, named) : [];
	for (const { code } of existing) {
		const hits = await rateLimits.hit(db, `sync:unit:${code}`, limits.unit.seconds);
		if (over(hits, limits.unit)) return failure('throttled');
	}
	// A dossier's signed link is one rating per dossier already: no flood or ceiling for it.
	const open = body.responses.filter((item) => !hasDossier(item));
	const sent = await rateLimits.hit(db, `sync:flood:${sender}`, limits.flood.seconds, open.length);
	let ceiling = false;
	for (const { code } of existing) {
		const answers = open.filter((item) => unitOf(item) === code).length;
		const key = `sync:ceiling:${code}:${today()}`;
		const hits = await rateLimits.hit(db, key, limits.ceiling.seconds, answers);
		ceiling ||= over(hits, limits.ceiling);
	}
	const hold = over(sent, limits.flood) ? 'flood' : ceiling ? 'ceiling' : undefined;
	return done(await ingest(db, body.responses, submitter, { hold }));
}

const hasDossier = (item: unknown) =>
	!!item && typeof item === 'object' && (item as { channel?: unknown }).channel === 'dossier';

function unitOf(item: unknown): string | undefined {
	const unit = item && typeof item === 'object' ? (item as { unit?: unknown }).unit : undefined;
	return typeof unit === 'string' ? unit.slice(0, 32) : undefined;
}
