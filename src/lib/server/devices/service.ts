import { today } from '$lib/survey/days';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { plainText } from '$lib/survey/text';
import { isCurrent, type Unit } from '$lib/survey/units';
import { kioskSettings, PIN_PATTERN, type KioskSettings } from '$lib/survey/kiosk';
import {
	hashPin,
	newEnrolmentCode,
	newPin,
	newToken,
	normaliseEnrolmentCode,
	sha256
} from '../auth/crypto';
import type { Database, Queryable } from '../db';
import * as audit from '../audit/audit.repository';
import * as devices from './devices.repository';
import * as units from '../units/units.repository';
import * as rateLimits from '../auth/rateLimits.repository';

/** Reads with no rule of their own: the repository's, offered to routes as they are. */
export { get, list } from './devices.repository';

export const ENROLMENT_HOURS = 24;

export const deviceInput = z.object({
	unit: z
		.string()
		.trim()
		.regex(/^[A-Za-z0-9._-]{1,32}$/, 'devices.error.unit'),
	name: plainText(100, 'devices.error.name').pipe(z.string().min(1, 'devices.error.name'))
});
export const enrolInput = z.object({ code: z.string().max(40, 'enrol.error.invalid') });

export interface Enrolment {
	id: string;
	enrolmentCode: string;
	expiresAt: Date;
	/** The kiosk's admin PIN, given only when the device is made (or the PIN changed). */
	pin?: string;
}

async function activeUnit(q: Queryable, code: string): Promise<Unit | undefined> {
	const unit = await units.get(q, code);
	return unit && isCurrent(unit, today()) ? unit : undefined;
}

async function issueCode(q: Queryable, id: string): Promise<Enrolment> {
	const enrolmentCode = newEnrolmentCode();
	const expiresAt = new Date(Date.now() + ENROLMENT_HOURS * 3600_000);
	await devices.setEnrolmentCode(q, id, sha256(enrolmentCode), expiresAt);
	return { id, enrolmentCode, expiresAt };
}

/** Registers a kiosk for a current unit and returns its one-time enrolment code. */
export async function createDevice(
	db: Database,
	input: z.output<typeof deviceInput>,
	actorUserId: string | null
): Promise<Enrolment | 'unit'> {
	return db.transaction(async (tx) => {
		if (!(await activeUnit(tx, input.unit))) return 'unit';
		const id = randomUUID();
		const pin = newPin();
		await devices.insert(tx, { id, unitCode: input.unit, name: input.name });
		await devices.setSettings(tx, id, kioskSettings.parse({}), await hashPin(pin));
		await audit.record(tx, { actorUserId, action: 'device.create', target: id, details: input });
		return { ...(await issueCode(tx, id)), pin };
	});
}

/** A new one-time code for a device being reinstalled; the old token works until it is used. */
export async function renewEnrolment(
	db: Database,
	id: string,
	actorUserId: string | null
): Promise<Enrolment | 'notFound' | 'revoked'> {
	return db.transaction(async (tx) => {
		const device = await devices.get(tx, id);
		if (!device) return 'notFound';
		if (device.revokedAt) return 'revoked';
		await audit.record(tx, { actorUserId, action: 'device.code', target: id });
		return issueCode(tx, id);
	});
}

export type EnrolResult =
	| { ok: true; token: string; device: { id: string; name: string }; unit: Unit }
	| { ok: false; reason: 'invalid' | 'expired' | 'used' | 'revoked' };

/** Trades a one-time code for a long random device token (stored only as a hash). */
export async function enrol(db: Database, rawCode: string): Promise<EnrolResult> {
	const code = normaliseEnrolmentCode(rawCode);
	if (!/^[A-Z0-9]{8}$/.test(code)) return { ok: false, reason: 'invalid' };
	return db.transaction(async (tx) => {
		const device = await devices.findByEnrolmentCode(tx, sha256(code));
		if (!device) return { ok: false, reason: 'invalid' };
		if (device.revokedAt) return { ok: false, reason: 'revoked' };
		if (device.enrolmentUsedAt) return { ok: false, reason: 'used' };
		if (!device.enrolmentExpiresAt || device.enrolmentExpiresAt.getTime() <= Date.now()) {
			return { ok: false, reason: 'expired' };
		}
		const token = newToken();
		await devices.completeEnrolment(tx, device.id, sha256(token));
		await audit.record(tx, { actorDeviceId: device.id, action: 'device.enrol', target: device.id });
		const unit = (await units.get(tx, device.unitCode))!;
		return { ok: true, token, device: { id: device.id, name: device.name }, unit };
	});
}

export type DeviceAuth =
	{ ok: true; device: devices.Device } | { ok: false; reason: 'unknown' | 'revoked' };

/** Who a bearer token belongs to. A revoked device is told so, to show "this kiosk has been disabled". */
export async function authenticateDevice(q: Queryable, token: string): Promise<DeviceAuth> {
	if (token.length < 20 || token.length > 100) return { ok: false, reason: 'unknown' };
	const device = await devices.findByToken(q, sha256(token));
	if (!device) return { ok: false, reason: 'unknown' };
	if (device.revokedAt) return { ok: false, reason: 'revoked' };
	await devices.touch(q, device.id);
	return { ok: true, device };
}

export async function changeDevice(
	db: Database,
	id: string,
	input: z.output<typeof deviceInput>,
	actorUserId: string | null
): Promise<'ok' | 'notFound' | 'unit'> {
	return db.transaction(async (tx) => {
		const before = await devices.get(tx, id);
		if (!before) return 'notFound';
		if (input.unit !== before.unitCode && !(await activeUnit(tx, input.unit))) return 'unit';
		await devices.update(tx, id, { name: input.name, unitCode: input.unit });
		await audit.record(tx, {
			actorUserId,
			action: 'device.update',
			target: id,
			details: { before: { name: before.name, unit: before.unitCode }, after: input }
		});
		return 'ok';
	});
}

export async function revokeDevice(
	db: Database,
	id: string,
	actorUserId: string | null
): Promise<'ok' | 'notFound'> {
	return db.transaction(async (tx) => {
		if (!(await devices.get(tx, id))) return 'notFound';
		await devices.revoke(tx, id);
		await audit.record(tx, { actorUserId, action: 'device.revoke', target: id });
		return 'ok';
	});
}

/** The settings form: the kiosk settings plus an optional new PIN. */
export const settingsInput = z.object({
	settings: kioskSettings,
	pin: z.string().regex(PIN_PATTERN, 'devices.error.pin').optional()
});

/** Changes how a kiosk behaves (and its PIN); the tablet picks it up at its next start or sync. */
export async function changeSettings(
	db: Database,
	id: string,
	input: z.output<typeof settingsInput>,
	actorUserId: string | null
): Promise<'ok' | 'notFound'> {
	const pinHash = input.pin ? await hashPin(input.pin) : undefined;
	return db.transaction(async (tx) => {
		if (!(await devices.get(tx, id))) return 'notFound';
		await devices.setSettings(tx, id, input.settings, pinHash);
		await audit.record(tx, {
			actorUserId,
			action: 'device.settings',
			target: id,
			details: { settings: input.settings, pinChanged: !!pinHash }
		});
		return 'ok';
	});
}

/** A device's settings with every default filled in (older rows store `{}`). */
export function settingsOf(device: devices.Device): KioskSettings {
	const parsed = kioskSettings.safeParse(device.settings);
	return parsed.success ? parsed.data : kioskSettings.parse({});
}

/** Enrolment attempts per client address in 15 minutes: plenty for a technician, useless for guessing. */
const ENROL_LIMIT = 20;

/** Counts an enrolment attempt from `address`; false once it has tried too often. */
export async function enrolAllowed(db: Database, address: string): Promise<boolean> {
	return (await rateLimits.hit(db, `enrol:ip:${address}`, 15 * 60)) <= ENROL_LIMIT;
}
