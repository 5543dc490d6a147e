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

/** Wrong PINs allowed before the screen locks; each lock after that is twice as long. */
export const PIN_TRIES = 5;
const FIRST_LOCK_MS = 30_000;
const LONGEST_LOCK_MS = 30 * 60_000;
const KEY = 'sipas.pin-attempts';

/**
 * Attempts at the kiosk's admin PIN, kept in the tablet's storage so that a reload does not
 * reset them: after `PIN_TRIES` wrong ones the screen locks for 30 s, then 1 min, 2 min…
 * (at most 30 min). With six digits, a person at the tablet gets through a few hundred
 * guesses a day instead of a million; the hash's cost (see the server's `hashPin`) is what
 * slows a search of a copied hash.
 */
export function pinAttempts(storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>) {
	const read = (): { failures: number; lockedUntil: number } => {
		try {
			return { failures: 0, lockedUntil: 0, ...JSON.parse(storage.getItem(KEY) ?? '{}') };
		} catch {
			return { failures: 0, lockedUntil: 0 };
		}
	};
	return {
		/** Milliseconds until the next attempt is allowed (0: now). */
		wait(now = Date.now()): number {
			return Math.max(0, read().lockedUntil - now);
		},
		failed(now = Date.now()): void {
			const failures = read().failures + 1;
			const over = failures - PIN_TRIES;
			const lock = over < 0 ? 0 : Math.min(LONGEST_LOCK_MS, FIRST_LOCK_MS * 2 ** over);
			storage.setItem(KEY, JSON.stringify({ failures, lockedUntil: lock ? now + lock : 0 }));
		},
		succeeded(): void {
			storage.removeItem(KEY);
		}
	};
}
