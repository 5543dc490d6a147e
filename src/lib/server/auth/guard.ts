import type { Unit } from '$lib/survey/units';
import { db } from '../db';
import * as units from '../units/units.repository';
import { inScope, scopeOf, type Actor, type Scope } from './scope';
import { done, failure, type Outcome } from '../outcome';
import { failurePage } from '../http';

/** The person or kiosk behind a request the access hook already let through. */
export function actorOf(locals: App.Locals): Actor {
	if (locals.device) return { device: locals.device };
	if (locals.user) return { user: locals.user };
	throw new Error('actorOf() on a route open to anonymous callers');
}

export async function scopeFor(locals: App.Locals): Promise<Scope> {
	return scopeOf(db(), actorOf(locals));
}

/** The units the caller may see. */
export async function visibleUnits(locals: App.Locals): Promise<Unit[]> {
	const scope = await scopeFor(locals);
	return units.list(db(), scope.all ? undefined : [...scope.codes]);
}

export type UnitAccess = Outcome<{ unit: Unit; scope: Scope }, 'unitNotFound' | 'outOfScope'>;

/** Looks a unit up for the caller: 404 when it does not exist, 403 when it is outside their scope. */
export async function unitAccess(locals: App.Locals, code: string): Promise<UnitAccess> {
	const unit = await units.get(db(), code);
	if (!unit) return failure('unitNotFound', { params: { code } });
	const scope = await scopeFor(locals);
	return inScope(scope, code) ? done({ unit, scope }) : failure('outOfScope', { params: { code } });
}

/** For pages: the unit, or the 403/404 error page. */
export async function requireUnit(
	locals: App.Locals,
	code: string
): Promise<{ unit: Unit; scope: Scope }> {
	const access = await unitAccess(locals, code);
	if (!access.ok) failurePage(locals.locale, access);
	return access.value;
}
