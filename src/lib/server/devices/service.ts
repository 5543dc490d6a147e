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
import { done, failure, invalidField, type FormOutcome, type Outcome } from '../outcome';

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

/** A device goes only to a unit that exists and is current. */
const noActiveUnit = () => invalidField('unit', 'devices.error.unit');

/** Registers a kiosk for a current unit and returns its one-time enrolment code. */
export async function createDevice(
	db: Database,
	input: z.output<typeof deviceInput>,
	actorUserId: string | null
): Promise<FormOutcome<Enrolment, 'invalid'>> {
	return db.transaction(async (tx) => {
		if (!(await activeUnit(tx, input.unit))) return noActiveUnit();
		const id = randomUUID();
		const pin = newPin();
		await devices.insert(tx, { id, unitCode: input.unit, name: input.name });
		await devices.setSettings(tx, id, kioskSettings.parse({}), await hashPin(pin));
		await audit.record(tx, { actorUserId, action: 'device.create', target: id, details: input });
		return done({ ...(await issueCode(tx, id)), pin });
	});
}

/** A new one-time code for a device being reinstalled; the old token works until it is used. */
export async function renewEnrolment(
	db: Database,
	id: string,
	actorUserId: string | null
): Promise<Outcome<Enrolment, 'deviceNotFound' | 'renewRevoked'>> {
	return db.transaction(async (tx) => {
		const device = await devices.get(tx, id);
		if (!device) return failure('deviceNotFound');
		if (device.revokedAt || device.retiredAt) return failure('renewRevoked');
		await audit.record(tx, { actorUserId, action: 'device.code', target: id });
		return done(await issueCode(tx, id));
	});
}

export type EnrolOutcome = Outcome<
	{ token: string; device: { id: string; name: string }; unit: Unit },
	'enrolmentInvalid' | 'enrolmentExpired' | 'enrolmentUsed' | 'enrolmentRevoked'
>;

/** Trades a one-time code for a long random device token (stored only as a hash). */
export async function enrol(db: Database, rawCode: string): Promise<EnrolOutcome> {
	const code = normaliseEnrolmentCode(rawCode);
	if (!/^[A-Z0-9]{8}$/.test(code)) return failure('enrolmentInvalid');
	return db.transaction(async (tx) => {
		const device = await devices.findByEnrolmentCode(tx, sha256(code));
		if (!device) return failure('enrolmentInvalid');
		if (device.revokedAt) return failure('enrolmentRevoked');
		if (device.enrolmentUsedAt) return failure('enrolmentUsed');
		if (!device.enrolmentExpiresAt || device.enrolmentExpiresAt.getTime() <= Date.now()) {
			return failure('enrolmentExpired');
		}
		const token = newToken();
		await devices.completeEnrolment(tx, device.id, sha256(token));
		await audit.record(tx, { actorDeviceId: device.id, action: 'device.enrol', target: device.id });
		const unit = (await units.get(tx, device.unitCode))!;
		return done({ token, device: { id: device.id, name: device.name }, unit });
	});
}

export type DeviceAuth = Outcome<devices.Device, 'deviceUnknown' | 'deviceRevoked'>;

/** Who a bearer token belongs to. A revoked device is told so, to show "this kiosk has been disabled". */
export async function authenticateDevice(q: Queryable, token: string): Promise<DeviceAuth> {
	if (token.length < 20 || token.length > 100) return failure('deviceUnknown');
	const device = await devices.findByToken(q, sha256(token));
	if (!device) return failure('deviceUnknown');
	if (device.revokedAt) return failure('deviceRevoked');
	await devices.touch(q, device.id);
	return done(device);
}

export async function changeDevice(
	db: Database,
	id: string,
	input: z.output<typeof deviceInput>,
	actorUserId: string | null
): Promise<FormOutcome<undefined, 'deviceNotFound' | 'invalid'>> {
	return db.transaction(async (tx) => {
		const before = await devices.get(tx, id);
		if (!before) return failure('deviceNotFound');
		if (input.unit !== before.unitCode && !(await activeUnit(tx, input.unit)))
			return noActiveUnit();
		await devices.update(tx, id, { name: input.name, unitCode: input.unit });
		await audit.record(tx, {
			actorUserId,
			action: 'device.update',
			target: id,
			details: { before: { name: before.name, unit: before.unitCode }, after: input }
		});
		return done(undefined);
	});
}

/**
 * Takes a kiosk out of service without distrusting it: it gets no new enrolment code, and an
 * answer it took after this moment is refused, but the answers it took before still land,
 * sent with its own token or carried by a tablet newly enrolled for the same unit (the same
 * tablet set up again, its outbox intact). A compromised device is revoked instead.
 */
export async function retireDevice(
	db: Database,
	id: string,
	actorUserId: string | null
): Promise<Outcome<undefined, 'deviceNotFound' | 'renewRevoked'>> {
	return db.transaction(async (tx) => {
		const device = await devices.get(tx, id);
		if (!device) return failure('deviceNotFound');
		if (device.revokedAt) return failure('renewRevoked');
		await devices.retire(tx, id);
		await audit.record(tx, { actorUserId, action: 'device.retire', target: id });
		return done(undefined);
	});
}

export async function revokeDevice(
	db: Database,
	id: string,
	actorUserId: string | null
): Promise<Outcome<undefined, 'deviceNotFound'>> {
	return db.transaction(async (tx) => {
		if (!(await devices.get(tx, id))) return failure('deviceNotFound');
		await devices.revoke(tx, id);
		await audit.record(tx, { actorUserId, action: 'device.revoke', target: id });
		return done(undefined);
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
): Promise<Outcome<undefined, 'deviceNotFound'>> {
	const pinHash = input.pin ? await hashPin(input.pin) : undefined;
	return db.transaction(async (tx) => {
		if (!(await devices.get(tx, id))) return failure('deviceNotFound');
		await devices.setSettings(tx, id, input.settings, pinHash);
		await audit.record(tx, {
			actorUserId,
			action: 'device.settings',
			target: id,
			details: { settings: input.settings, pinChanged: !!pinHash }
		});
		return done(undefined);
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
