import { z } from 'zod';
import { today } from '$lib/survey/days';
import { dossierCode } from '$lib/survey/responses';
import { isCurrent, unitCode } from '$lib/survey/units';
import type { Database } from '../db';
import * as audit from '../audit/audit.repository';
import { mayEnterFor } from '../auth/scope';
import type { User } from '../people/users.repository';
import * as units from '../units/units.repository';
import { done, failure, type Outcome } from '../outcome';
import { linkUrl, sign, type DossierLink } from './links';

/**
 * Minting a dossier's link: staff of the unit (or an admin) print it as a QR on the
 * appointment slip or the returned result; the one-stop-shop system asks for it through the
 * API with its service token. Each mint is audited.
 */

/** A link is good for this many days by default: a dossier's result is collected within a month. */
export const DEFAULT_DAYS = 30;

export const mintInput = z.object({
	unit: unitCode,
	dossier: dossierCode,
	// A form's empty field is the default, as is a JSON body without it.
	days: z.preprocess(
		(v) => (v === '' ? undefined : v),
		z.coerce.number().int().min(1).max(365).default(DEFAULT_DAYS)
	)
});
export type MintInput = z.output<typeof mintInput>;

/** Who mints: a signed-in person, or the one-stop-shop system with the service token. */
export type Minter = { user: User } | { service: true };

export type MintOutcome = Outcome<DossierLink & { url: string }, 'forbidden' | 'unitNotFound'>;

const addDays = (day: string, n: number) =>
	new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

export async function mintLink(
	db: Database,
	input: MintInput,
	minter: Minter,
	origin: string
): Promise<MintOutcome> {
	if ('user' in minter && !mayEnterFor(minter.user, input.unit)) return failure('forbidden');
	const unit = await units.get(db, input.unit);
	if (!unit || !isCurrent(unit, today()))
		return failure('unitNotFound', { params: { code: input.unit } });
	const link = await sign(db, {
		unit: unit.code,
		dossier: input.dossier,
		expires: addDays(today(), input.days)
	});
	await audit.record(db, {
		actorUserId: 'user' in minter ? minter.user.id : null,
		action: 'dossier.link',
		target: unit.code,
		details: {
			dossier: link.dossier,
			expires: link.expires,
			by: 'user' in minter ? 'person' : 'service'
		}
	});
	return done({ ...link, url: linkUrl(origin, link) });
}
