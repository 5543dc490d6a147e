import type { PinHash } from '../survey/kiosk';

/** Checks a kiosk PIN offline against its PBKDF2-SHA-256 hash (made by the server with the same salt text). */
export async function checkPin(pin: string, stored: PinHash): Promise<boolean> {
	const encode = (text: string) => new TextEncoder().encode(text);
	const key = await crypto.subtle.importKey('raw', encode(pin), 'PBKDF2', false, ['deriveBits']);
	const bits = await crypto.subtle.deriveBits(
		{ name: 'PBKDF2', hash: 'SHA-256', salt: encode(stored.salt), iterations: stored.iterations },
		key,
		256
	);
	const hex = [...new Uint8Array(bits)].map((b) => b.toString(16).padStart(2, '0')).join('');
	return hex === stored.hash;
}
