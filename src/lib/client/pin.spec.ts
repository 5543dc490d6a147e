import { pbkdf2Sync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkPin, pinAttempts, PIN_TRIES } from './pin';

/** A storage as the tablet's localStorage behaves. */
function memoryStorage() {
	const items = new Map<string, string>();
	return {
		getItem: (key: string) => items.get(key) ?? null,
		setItem: (key: string, value: string) => void items.set(key, value),
		removeItem: (key: string) => void items.delete(key)
	};
}

describe('the kiosk PIN on the tablet', () => {
	it('checks a PIN against the hash the server made', async () => {
		const salt = '0123456789abcdef0123456789abcdef';
		const hash = pbkdf2Sync('482913', salt, 20_000, 32, 'sha256').toString('hex');
		const stored = { salt, iterations: 20_000, hash };
		expect(await checkPin('482913', stored)).toBe(true);
		expect(await checkPin('482914', stored)).toBe(false);
	});

	it('locks after five wrong PINs, twice as long each time, and survives a reload', () => {
		const storage = memoryStorage();
		const now = 1_000_000;
		const attempts = pinAttempts(storage);
		for (let i = 0; i < PIN_TRIES - 1; i++) attempts.failed(now);
		expect(attempts.wait(now)).toBe(0);
		attempts.failed(now);
		expect(attempts.wait(now)).toBe(30_000);
		// A reload reads the same storage.
		const reloaded = pinAttempts(storage);
		expect(reloaded.wait(now + 10_000)).toBe(20_000);
		reloaded.failed(now + 30_000);
		expect(reloaded.wait(now + 30_000)).toBe(60_000);
		for (let i = 0; i < 20; i++) reloaded.failed(now);
		expect(reloaded.wait(now)).toBe(30 * 60_000);
		reloaded.succeeded();
		expect(pinAttempts(storage).wait(now)).toBe(0);
	});

	it('treats damaged storage as no attempts', () => {
		const storage = memoryStorage();
		storage.setItem('sipas.pin-attempts', '{not json');
		expect(pinAttempts(storage).wait()).toBe(0);
	});
});
