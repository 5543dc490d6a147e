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

/**
 * Who may decide on a unit's held answers: an admin, or a manager whose subtree holds the unit
 * without being it. Staff never: the people ranked do not decide which answers count.
 */
export function mayReview(user: User, scope: Scope, unit: string): boolean {
	if (user.role === 'admin') return true;
	return user.role === 'manager' && unit !== user.unitCode && inScope(scope, unit);
}

/** The units whose held answers `user` reviews: their scope without their own unit. */
export function reviewScope(user: User, scope: Scope): Scope {
	if (scope.all || user.role !== 'manager') return scope;
	return { all: false, codes: new Set([...scope.codes].filter((code) => code !== user.unitCode)) };
}

/** Who may put answers into a unit or change them: its own staff, or an admin. */
export function mayEnterFor(user: User, unit: string): boolean {
	return user.role === 'admin' || (user.role === 'staff' && user.unitCode === unit);
}
