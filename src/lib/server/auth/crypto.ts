import { createHash, pbkdf2, randomBytes, randomInt, scrypt, timingSafeEqual } from 'node:crypto';
import type { PinHash } from '$lib/survey/kiosk';

/** scrypt cost: N=2^15, r=8 (64 MiB·ms class, ~50 ms on these machines). */
const N = 32768;
const r = 8;
const p = 1;
const KEY_LENGTH = 32;
const MAX_MEM = 64 * 1024 * 1024;

function derive(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
	return new Promise((resolve, reject) =>
		scrypt(
			password.normalize('NFC'),
			salt,
			KEY_LENGTH,
			{ N: n, r, p, maxmem: MAX_MEM },
			(err, key) => (err ? reject(err) : resolve(key))
		)
	);
}

/** `scrypt$N$r$p$salt$hash`, so the cost can rise later without breaking stored hashes. */
export async function hashPassword(password: string): Promise<string> {
	const salt = randomBytes(16);
	const key = await derive(password, salt, N, r, p);
	return ['scrypt', N, r, p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
	const [scheme, n, rr, pp, salt, hash] = stored.split('$');
	if (scheme !== 'scrypt' || !salt || !hash) return false;
	const expected = Buffer.from(hash, 'base64url');
	const key = await derive(password, Buffer.from(salt, 'base64url'), +n!, +rr!, +pp!);
	return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A hash to verify against when the account does not exist, so timing reveals nothing. */
export const decoyHash = hashPassword(randomBytes(12).toString('hex'));

/** A long random secret (session or device token): 32 bytes, base64url. */
export function newToken(): string {
	return randomBytes(32).toString('base64url');
}

/** Tokens and codes are stored only as SHA-256: they are random, so no salt or stretching is needed. */
export function sha256(text: string): string {
	return createHash('sha256').update(text).digest('hex');
}

/** No 0/O, 1/I/L: a code read aloud or typed from a screen is not misread. */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

export function newEnrolmentCode(length = 8): string {
	let code = '';
	for (let i = 0; i < length; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
	return code;
}

/** Codes are typed by people: ignore case, spaces and dashes. */
export function normaliseEnrolmentCode(input: string): string {
	return input.toUpperCase().replace(/[\s-]/g, '');
}

/** A readable random password for first start (printed once). */
export function newPassword(): string {
	return randomBytes(12).toString('base64url');
}

/** A kiosk PIN: six random digits, shown once to the admin who made the device. */
export function newPin(): string {
	return String(randomInt(1_000_000)).padStart(6, '0');
}

/**
 * What a low-end tablet computes in about 300 ms: 300 000 iterations take 121 ms in Chromium's
 * WebCrypto on this project's 2-core machine (`npm run bench:client`, BENCHMARKS.md), and a
 * low-end Android tablet's core hashes SHA-256 some 2–3 times slower. (Chromium's 4× CPU
 * throttle, Lighthouse's stand-in for such a device, does not slow WebCrypto: 134 ms.) A PIN
 * set before keeps the cost it was hashed with (stored beside it) until it is changed.
 */
export const PIN_ITERATIONS = 300_000;

/**
 * PBKDF2-SHA-256 of a kiosk PIN: the tablet checks it offline with WebCrypto, which has
 * PBKDF2 but not scrypt. A PIN guards a screen on a device in the office, not an account;
 * the tablet also limits attempts (`pinAttempts`), and the cost slows a search of a copy.
 */
export function hashPin(pin: string): Promise<PinHash> {
	const salt = randomBytes(16).toString('hex');
	return new Promise((resolve, reject) =>
		pbkdf2(pin, salt, PIN_ITERATIONS, 32, 'sha256', (err, key) =>
			err ? reject(err) : resolve({ salt, iterations: PIN_ITERATIONS, hash: key.toString('hex') })
		)
	);
}

/**
 * Whether a request carries `Authorization: Bearer <expected>` (compared in constant time). A
 * configured token shorter than 32 characters is no token: an unset or weak setting opens
 * nothing.
 */
export function bearerMatches(request: Request, expected: string | undefined): boolean {
	const given = /^Bearer (.+)$/.exec(request.headers.get('authorization') ?? '')?.[1] ?? '';
	if (!expected || expected.length < 32 || given.length !== expected.length) return false;
	return timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}
