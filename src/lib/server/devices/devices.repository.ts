import type { DeviceHealth, KioskSettings, PinHash } from '$lib/survey/kiosk';
import type { Queryable } from '../db';
import { jsonb } from '../db/jsonb';

export interface Device {
	id: string;
	unitCode: string;
	name: string;
	enrolledAt: Date | null;
	/** The first enrolment (re-enrolment moves `enrolledAt`): no answer of the kiosk is older. */
	firstEnrolledAt: Date | null;
	revokedAt: Date | null;
	/** Out of service: answers taken before this still land (see `retireDevice`). */
	retiredAt: Date | null;
	lastSeenAt: Date | null;
	enrolmentExpiresAt: Date | null;
	enrolmentUsedAt: Date | null;
	createdAt: Date;
	/** As stored: read through `kioskSettings` to get every default. */
	settings: Partial<KioskSettings>;
	pinHash: PinHash | null;
	/** What the kiosk last reported about itself, and when. */
	health: DeviceHealth | null;
	healthAt: Date | null;
	lastSequence: number | null;
}

const columns = `id, unit_code as "unitCode", name, enrolled_at as "enrolledAt",
	first_enrolled_at as "firstEnrolledAt",
	revoked_at as "revokedAt", retired_at as "retiredAt", last_seen_at as "lastSeenAt",
	enrolment_expires_at as "enrolmentExpiresAt", enrolment_used_at as "enrolmentUsedAt",
	created_at as "createdAt", settings, pin_hash as "pinHash", health, health_at as "healthAt",
	last_sequence::float8 as "lastSequence"`;

export async function list(q: Queryable): Promise<Device[]> {
	return q.query<Device>(`select ${columns} from devices order by unit_code, name`);
}

export async function get(q: Queryable, id: string): Promise<Device | undefined> {
	const [device] = await q.query<Device>(`select ${columns} from devices where id = $1`, [id]);
	return device;
}

export async function insert(
	q: Queryable,
	device: { id: string; unitCode: string; name: string }
): Promise<void> {
	await q.query('insert into devices (id, unit_code, name) values ($1, $2, $3)', [
		device.id,
		device.unitCode,
		device.name
	]);
}

export async function setEnrolmentCode(
	q: Queryable,
	id: string,
	codeHash: string,
	expiresAt: Date
): Promise<void> {
	await q.query(
		`update devices set enrolment_code_hash = $2, enrolment_expires_at = $3,
			enrolment_used_at = null, updated_at = now()
		where id = $1`,
		[id, codeHash, expiresAt]
	);
}

export async function findByEnrolmentCode(
	q: Queryable,
	codeHash: string
): Promise<Device | undefined> {
	const [device] = await q.query<Device>(
		`select ${columns} from devices where enrolment_code_hash = $1 for update`,
		[codeHash]
	);
	return device;
}

/** Marks the code used and gives the device its (new) token; an old token stops working. */
export async function completeEnrolment(
	q: Queryable,
	id: string,
	tokenHash: string
): Promise<void> {
	await q.query(
		`update devices set token_hash = $2, enrolment_used_at = now(), enrolled_at = now(),
			first_enrolled_at = coalesce(first_enrolled_at, now()), updated_at = now()
		where id = $1`,
		[id, tokenHash]
	);
}

export async function findByToken(q: Queryable, tokenHash: string): Promise<Device | undefined> {
	const [device] = await q.query<Device>(`select ${columns} from devices where token_hash = $1`, [
		tokenHash
	]);
	return device;
}

/** Records that the device was seen, at most once a minute so a busy kiosk costs no writes. */
export async function touch(q: Queryable, id: string): Promise<void> {
	await q.query(
		`update devices set last_seen_at = now()
		where id = $1 and (last_seen_at is null or last_seen_at < now() - interval '1 minute')`,
		[id]
	);
}

export async function update(
	q: Queryable,
	id: string,
	change: { name: string; unitCode: string }
): Promise<void> {
	await q.query('update devices set name = $2, unit_code = $3, updated_at = now() where id = $1', [
		id,
		change.name,
		change.unitCode
	]);
}

export async function retire(q: Queryable, id: string): Promise<void> {
	await q.query(
		`update devices set retired_at = coalesce(retired_at, now()), enrolment_code_hash = null,
			updated_at = now()
		where id = $1`,
		[id]
	);
}

/** A retired kiosk as the answers it took are judged: when it started and when it stopped. */
export interface RetiredDevice {
	firstEnrolledAt: Date | null;
	retiredAt: Date;
}

/** The unit's retired (and not revoked) kiosks. */
export async function retiredOfUnit(
	q: Queryable,
	unitCode: string
): Promise<Map<string, RetiredDevice>> {
	const rows = await q.query<RetiredDevice & { id: string }>(
		`select id, first_enrolled_at as "firstEnrolledAt", retired_at as "retiredAt" from devices
		where unit_code = $1 and retired_at is not null and revoked_at is null`,
		[unitCode]
	);
	return new Map(rows.map(({ id, ...device }) => [id, device]));
}

export async function revoke(q: Queryable, id: string): Promise<void> {
	await q.query(
		`update devices set revoked_at = coalesce(revoked_at, now()), enrolment_code_hash = null,
			updated_at = now()
		where id = $1`,
		[id]
	);
}

export async function setSettings(
	q: Queryable,
	id: string,
	settings: KioskSettings,
	pinHash?: PinHash
): Promise<void> {
	await q.query(
		`update devices set settings = $2::text::jsonb, pin_hash = coalesce($3::text::jsonb, pin_hash),
			updated_at = now()
		where id = $1`,
		[id, jsonb(settings), pinHash ? jsonb(pinHash) : null]
	);
}

/** Keeps the health a kiosk reports with its sync requests (the server's mirror of its screen). */
export async function setHealth(q: Queryable, id: string, health: DeviceHealth): Promise<void> {
	await q.query(
		'update devices set health = $2::text::jsonb, health_at = now(), last_seen_at = now() where id = $1',
		[id, jsonb(health)]
	);
}
