import { randomUUID } from 'node:crypto';
import { itemsOf } from '$lib/survey/instruments';
import type { ResponseInput } from '$lib/survey/responses';
import { shippedInstruments } from '$lib/survey/shipped';
import type { Unit, UnitInput } from '$lib/survey/units';
import type { Database } from './db';
import * as devices from './devices/devices.repository';
import { createDevice, enrol } from './devices/service';
import { createUser } from './people/service';
import type { NewUser } from './people/schema';
import * as users from './people/users.repository';
import * as units from './units/units.repository';

/**
 * Typed test data, made the way the app makes it (through the services, so a factory never
 * stores what the app could not): each takes only what a test cares about and fills in the
 * rest with valid values. A change to a domain type shows up here, at compile time, instead
 * of in hand-built rows spread over the specs.
 */

/** The service questionnaire, version 1: what the factories' answers are made for. */
export const serviceForm = shippedInstruments.find((i) => i.code === 'sipas-service-2023')!;
const indexedItems = itemsOf(serviceForm)
	.filter((item) => item.indexed)
	.map((item) => item.code);

/**
 * Answers to the sixteen indexed items of the service form, the i-th at `level(i)` (one
 * level for all of them is a straight-liner).
 */
export function indexedAnswers(level: (i: number) => number): Record<string, number> {
	return Object.fromEntries(indexedItems.map((code, i) => [code, level(i)]));
}

/** A paper or kiosk answer as a client sends it: the service form, fully valid, for DEMO.X01. */
export function aResponse(over: Partial<ResponseInput> = {}): ResponseInput {
	return {
		id: randomUUID(),
		instrument: 'sipas-service-2023',
		instrumentVersion: 1,
		unit: 'DEMO.X01',
		channel: 'kiosk',
		submittedAt: '2026-03-10T09:15:00+07:00',
		answers: { A1: 5, A2: 4, C1: 3, E1: 'NA' },
		...over
	};
}

/**
 * Respondents on paper on a Vietnam day (09:00 local time), one per level, each giving every
 * indexed item that level.
 */
export function respondentsAt(
	unit: string,
	day: string,
	levels: readonly number[]
): ResponseInput[] {
	return levels.map((level) =>
		aResponse({
			unit,
			channel: 'paper',
			submittedAt: `${day}T09:00:00+07:00`,
			answers: indexedAnswers(() => level)
		})
	);
}

/** A paper form of a batch: serial and batch given, the rest as `aResponse`. */
export function aPaperForm(
	batchId: string,
	serial: string,
	over: Partial<ResponseInput> = {}
): ResponseInput {
	return aResponse({ channel: 'paper', batchId, serial, ...over });
}

/** A stored unit (a commune under DEMO by default, valid since the 2025 reform). */
export async function aUnit(
	db: Database,
	over: Partial<UnitInput> & { code: string }
): Promise<Unit> {
	const unit: UnitInput = {
		name: `Xã ${over.code}`,
		kind: 'commune',
		parentCode: 'DEMO',
		validFrom: '2025-07-01',
		validTo: null,
		successorCodes: [],
		predecessorCodes: [],
		changedFrom: null,
		...over
	};
	await units.insert(db, unit);
	return (await units.get(db, unit.code))!;
}

/** A stored person: staff of DEMO.X01 by default, with a password that passes the rules. */
export async function aUser(
	db: Database,
	over: Partial<NewUser> & { username: string; mustChangePassword?: boolean }
): Promise<users.User> {
	const made = await createUser(
		db,
		{ role: 'staff', unitCode: 'DEMO.X01', password: 'x'.repeat(10), displayName: '', ...over },
		null
	);
	if (!made.ok) throw new Error(`cannot make user ${over.username}: ${made.reason}`);
	return (await users.get(db, made.value))!;
}

/** Staff, one per `[username, unit]`, made in that order. */
export async function staffUsers(
	db: Database,
	people: readonly (readonly [username: string, unit: string])[]
): Promise<users.User[]> {
	const made: users.User[] = [];
	for (const [username, unitCode] of people) made.push(await aUser(db, { username, unitCode }));
	return made;
}

/**
 * An enrolled kiosk of `unit`: the device as stored, its bearer token and its admin PIN. Its
 * first enrolment is set back to `enrolledAt` (the 2025 reform by default), so that the dated
 * answers specs send from it are not older than the kiosk (see `$lib/survey/admission`).
 */
export async function aKiosk(
	db: Database,
	unit = 'DEMO.X01',
	name = 'Ki-ốt',
	enrolledAt = '2025-07-01T00:00:00+07:00'
): Promise<{ device: devices.Device; token: string; pin: string }> {
	const created = await createDevice(db, { unit, name }, null);
	if (!created.ok) throw new Error(`cannot make a kiosk for ${unit}: ${created.reason}`);
	const enrolled = await enrol(db, created.value.enrolmentCode);
	if (!enrolled.ok) throw new Error(`cannot enrol the kiosk: ${enrolled.reason}`);
	// Test set-up only: no code path of the app moves a first enrolment.
	await db.query('update devices set first_enrolled_at = $2 where id = $1', [
		created.value.id,
		enrolledAt
	]);
	const device = (await devices.get(db, created.value.id))!;
	return { device, token: enrolled.value.token, pin: created.value.pin! };
}
