import { issue, type Issue } from '$lib/survey/issues';
import { vietnamDay, type ResponseInput } from '$lib/survey/responses';
import type { Queryable } from '../db';
import { linkKey, verifyWith } from '../dossierLinks/links';

/**
 * One dossier, one rating. An answer through a dossier's signed link is taken when the link is
 * this server's for that unit and dossier and was answered by its last day; the first answer
 * of a dossier counts, and any later one (another phone, a second try) is held for a reviewer.
 */

/** The checks of a batch's dossier links; the key is read once, at the first link. */
export function dossierChecks(q: Queryable): (response: ResponseInput) => Promise<Issue[]> {
	let key: Promise<Buffer> | undefined;
	return async (response) => {
		if (!response.dossier) return [];
		key ??= linkKey(q);
		return dossierIssues(await key, response);
	};
}

function dossierIssues(key: Buffer, response: ResponseInput): Issue[] {
	const link = response.dossier!;
	const genuine = verifyWith(key, {
		unit: response.unit,
		dossier: link.code,
		expires: link.expires,
		signature: link.signature
	});
	if (!genuine)
		return [issue(['dossier'], 'dossierLink', 'not a link this server made for this unit')];
	if (vietnamDay(response.submittedAt) > link.expires)
		return [
			issue(['dossier', 'expires'], 'dossierExpired', `the link expired on ${link.expires}`, {
				dossier: link.code,
				expires: link.expires
			})
		];
	return [];
}

const keyOf = (response: ResponseInput) => `${response.unit}\n${response.dossier!.code}`;

/**
 * The answers of a batch whose dossier already has a counted answer (stored, or earlier in the
 * batch). Locks each dossier for the rest of the transaction first, so two answers of one
 * dossier arriving at once cannot both be counted.
 */
export async function repeatedDossiers<T extends { response: ResponseInput }>(
	tx: Queryable,
	batch: readonly T[]
): Promise<Set<T>> {
	const withLink = batch.filter((c) => c.response.dossier);
	if (withLink.length === 0) return new Set();
	const keys = [...new Set(withLink.map((c) => keyOf(c.response)))].sort();
	await tx.query('select pg_advisory_xact_lock(hashtext(k)) from unnest($1::text[]) as k', [keys]);
	const counted = await tx.query<{ key: string }>(
		`select unit_code || chr(10) || dossier_code as key from responses
		where status = 'valid' and unit_code || chr(10) || dossier_code = any($1::text[])`,
		[keys]
	);
	const taken = new Set(counted.map((row) => row.key));
	const repeated = new Set<T>();
	for (const candidate of withLink) {
		const key = keyOf(candidate.response);
		if (taken.has(key)) repeated.add(candidate);
		taken.add(key);
	}
	return repeated;
}
