import type { Queryable } from '../db';
import type { Device } from '../devices/devices.repository';
import * as units from '../units/units.repository';
import type { Role, User } from '../people/users.repository';

/** Who is asking: a signed-in person or an enrolled kiosk. */
export type Actor = { user: User; device?: undefined } | { device: Device; user?: undefined };

/** The units an actor may see: all of them, or a set of codes. */
export type Scope = { all: true } | { all: false; codes: ReadonlySet<string> };

/**
 * Admins see every unit; a manager their unit's subtree (historic units included, so a
 * province manager still reads the abolished districts); staff and devices their own unit.
 */
export async function scopeOf(q: Queryable, actor: Actor): Promise<Scope> {
	if (actor.device) return { all: false, codes: new Set([actor.device.unitCode]) };
	const { role, unitCode } = actor.user;
	if (role === 'admin') return { all: true };
	if (!unitCode) return { all: false, codes: new Set() };
	if (role === 'manager')
		return { all: false, codes: new Set(await units.subtreeCodes(q, unitCode)) };
	return { all: false, codes: new Set([unitCode]) };
}

export function inScope(scope: Scope, code: string): boolean {
	return scope.all || scope.codes.has(code);
}

export function hasRole(actor: Actor | undefined, ...allowed: Role[]): boolean {
	return !!actor?.user && allowed.includes(actor.user.role);
}

/** Who may put answers into a unit or change them: its own staff, or an admin. */
export function mayEnterFor(user: User, unit: string): boolean {
	return user.role === 'admin' || (user.role === 'staff' && user.unitCode === unit);
}
