import { randomUUID } from 'node:crypto';
import { hashPassword } from '../auth/crypto';
import type { Database } from '../db';
import * as audit from '../audit/audit.repository';
import * as sessions from '../auth/sessions.repository';
import * as units from '../units/units.repository';
import * as users from './users.repository';
import type { NewUser, UserChange } from './schema';
import { done, invalidField, type FormOutcome } from '../outcome';

/** Reads with no rule of their own: the repository's, offered to routes as they are. */
export { get, list } from './users.repository';

/** What a change to a person did, or the form fields at fault. */
export type PersonOutcome<T = undefined> = FormOutcome<T, 'invalid'>;

export async function createUser(
	db: Database,
	input: NewUser & { mustChangePassword?: boolean },
	actorUserId: string | null
): Promise<PersonOutcome<string>> {
	const passwordHash = await hashPassword(input.password);
	return db.transaction(async (tx) => {
		if (await users.usernameTaken(tx, input.username)) {
			return invalidField('username', 'users.error.usernameTaken', { username: input.username });
		}
		if (input.unitCode && !(await units.get(tx, input.unitCode))) {
			return invalidField('unitCode', 'unit.error.notFound', { code: input.unitCode });
		}
		const id = randomUUID();
		await users.insert(tx, {
			id,
			...input,
			unitCode: input.role === 'admin' ? null : input.unitCode,
			passwordHash
		});
		await audit.record(tx, {
			actorUserId,
			action: 'user.create',
			target: input.username,
			details: { role: input.role, unitCode: input.unitCode }
		});
		return done(id);
	});
}

/**
 * Changes role, scope or name. A change of role or scope signs the person out everywhere,
 * so no open session keeps rights it no longer has. The last active admin keeps the role.
 */
export async function changeUser(
	db: Database,
	id: string,
	change: UserChange,
	actorUserId: string
): Promise<PersonOutcome> {
	return db.transaction(async (tx) => {
		const before = await users.get(tx, id);
		if (!before) return invalidField('', 'users.error.notFound');
		if (
			before.role === 'admin' &&
			change.role !== 'admin' &&
			!before.disabledAt &&
			(await users.countActiveAdmins(tx)) <= 1
		) {
			return invalidField('role', 'users.error.lastAdmin');
		}
		if (change.unitCode && !(await units.get(tx, change.unitCode))) {
			return invalidField('unitCode', 'unit.error.notFound', { code: change.unitCode });
		}
		const unitCode = change.role === 'admin' ? null : change.unitCode;
		await users.update(tx, id, { ...change, unitCode });
		if (before.role !== change.role || before.unitCode !== unitCode)
			await sessions.removeForUser(tx, id);
		await audit.record(tx, {
			actorUserId,
			action: 'user.update',
			target: before.username,
			details: {
				before: { role: before.role, unitCode: before.unitCode },
				after: { role: change.role, unitCode }
			}
		});
		return done(undefined);
	});
}

export async function resetPassword(
	db: Database,
	id: string,
	password: string,
	actorUserId: string
): Promise<PersonOutcome> {
	const hash = await hashPassword(password);
	return db.transaction(async (tx) => {
		const user = await users.get(tx, id);
		if (!user) return invalidField('', 'users.error.notFound');
		await users.setPasswordHash(tx, id, hash);
		await sessions.removeForUser(tx, id);
		await audit.record(tx, { actorUserId, action: 'user.password', target: user.username });
		return done(undefined);
	});
}

export async function setDisabled(
	db: Database,
	id: string,
	disabled: boolean,
	actorUserId: string
): Promise<PersonOutcome> {
	return db.transaction(async (tx) => {
		const user = await users.get(tx, id);
		if (!user) return invalidField('', 'users.error.notFound');
		if (disabled && id === actorUserId) return invalidField('', 'users.error.self');
		if (disabled && user.role === 'admin' && (await users.countActiveAdmins(tx)) <= 1) {
			return invalidField('', 'users.error.lastAdmin');
		}
		await users.setDisabled(tx, id, disabled);
		if (disabled) await sessions.removeForUser(tx, id);
		await audit.record(tx, {
			actorUserId,
			action: disabled ? 'user.disable' : 'user.enable',
			target: user.username
		});
		return done(undefined);
	});
}
