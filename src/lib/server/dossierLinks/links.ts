import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Queryable } from '../db';
import { newToken } from '../auth/crypto';
import { serverKey } from './keys.repository';

/**
 * Signed links for one dossier (one rating per dossier, as the national portal rates
 * services). A link names the unit, the dossier's code and the last day it may be answered,
 * and carries an HMAC-SHA-256 of the three under a key that never leaves the server: a
 * citizen cannot change the dossier or the unit, or make a link for a dossier that was never
 * given one. The MAC is cut to 128 bits (22 base64url characters), which keeps the printed QR
 * small and is what NIST SP 800-107 allows for a truncated HMAC.
 */

export interface DossierLink {
	unit: string;
	dossier: string;
	/** The last Vietnam day it may be answered, `YYYY-MM-DD`. */
	expires: string;
	signature: string;
}

const KEY = 'dossier-links';

/**
 * Read from the database, never kept in the process: no stale copy after a restore. A caller
 * checking many links reads it once (`verifyWith`).
 */
export async function linkKey(q: Queryable): Promise<Buffer> {
	return Buffer.from(await serverKey(q, KEY, newToken), 'base64url');
}

const mac = (secret: Buffer, link: Omit<DossierLink, 'signature'>) =>
	createHmac('sha256', secret)
		.update(`${link.unit}\n${link.dossier}\n${link.expires}`)
		.digest()
		.subarray(0, 16)
		.toString('base64url');

export async function sign(
	q: Queryable,
	link: Omit<DossierLink, 'signature'>
): Promise<DossierLink> {
	return { ...link, signature: mac(await linkKey(q), link) };
}

/** Whether the link was made by this server for exactly this unit, dossier and expiry. */
export async function verify(q: Queryable, link: DossierLink): Promise<boolean> {
	return verifyWith(await linkKey(q), link);
}

/** `verify` with the key already read. */
export function verifyWith(secret: Buffer, link: DossierLink): boolean {
	const expected = Buffer.from(mac(secret, link));
	const given = Buffer.from(link.signature);
	return expected.length === given.length && timingSafeEqual(expected, given);
}

/** The public questionnaire's address for the link. */
export function linkUrl(origin: string, link: DossierLink): string {
	const query = new URLSearchParams({ d: link.dossier, e: link.expires, s: link.signature });
	return `${origin}/r/${encodeURIComponent(link.unit)}?${query}`;
}
