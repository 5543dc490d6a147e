import type { Database } from '../db';
import * as audit from '../audit/audit.repository';
import * as rateLimits from './rateLimits.repository';
import { senderKey } from './addresses';
import * as users from '../people/users.repository';
import { decoyHash, verifyPassword } from './crypto';
import { startSession } from './sessions';
import { done, failure, type Outcome } from '../outcome';

/**
 * Sign-in limits, per window: attempts by one address on one account (`pair`) and by one
 * address on any account (`address`). No limit is per account alone, so nobody can lock
 * another person out: five wrong passwords for `admin` from anywhere leave `admin` free to
 * sign in from their own address. Guessing one account from many addresses is slowed
 * instead: an attempt waits `delayMs`, doubled per step (each earlier attempt of the pair,
 * or every ten failures on the account from anywhere), up to `maxDelayMs` (`delayOf`).
 */
export const LOGIN_LIMITS = {
	pair: 5,
	address: 30,
	windowSeconds: 15 * 60,
	delayMs: 200,
	maxDelayMs: 10_000
};

export type LoginOutcome = Outcome<
	{ user: users.User; token: string; expiresAt: Date },
	'badCredentials' | 'signInThrottled'
>;

/** How long an attempt waits, from its pair's count and the account's failures. */
export function delayOf(pairHits: number, accountFailures: number): number {
	const step = Math.max(pairHits - 1, Math.floor(accountFailures / 10));
	if (step <= 0) return 0;
	return Math.min(LOGIN_LIMITS.maxDelayMs, LOGIN_LIMITS.delayMs * 2 ** (step - 1));
}

const wait = (ms: number) => new Promise((done) => setTimeout(done, ms));

/**
 * Checks a username and password. Every attempt is counted before the password is checked,
 * in one statement per key, so forty attempts sent at once are forty counts and only the
 * first five are checked; past a limit every attempt is refused until the window ends, right
 * or wrong, so guessing gains nothing. Success clears the pair's count, gives the address
 * its attempt back, and starts a fresh session (a new token, never the one the browser came
 * with: no session fixation).
 */
export async function login(
	db: Database,
	input: { username: string; password: string; address: string }
): Promise<LoginOutcome> {
	const account = input.username.trim().toLowerCase();
	const address = senderKey(input.address);
	const keys = {
		pair: `login:pair:${address}:${account}`,
		address: `login:ip:${address}`,
		account: `login:user:${account}`
	};
	const { windowSeconds } = LOGIN_LIMITS;
	const pairHits = await rateLimits.hit(db, keys.pair, windowSeconds);
	const addressHits = await rateLimits.hit(db, keys.address, windowSeconds);
	if (pairHits > LOGIN_LIMITS.pair || addressHits > LOGIN_LIMITS.address) {
		return failure('signInThrottled');
	}
	await wait(delayOf(pairHits, await rateLimits.peek(db, keys.account, windowSeconds)));
	const user = await users.findForLogin(db, input.username.trim());
	const valid = await verifyPassword(input.password, user?.passwordHash ?? (await decoyHash));
	if (!user || !valid || user.disabledAt) {
		await rateLimits.hit(db, keys.account, windowSeconds);
		return failure('badCredentials');
	}
	await rateLimits.clear(db, keys.pair);
	await rateLimits.refund(db, keys.address);
	const session = await startSession(db, user.id);
	await audit.record(db, { actorUserId: user.id, action: 'login' });
	const { passwordHash: _hash, ...publicUser } = user;
	return done({ user: publicUser, ...session });
}
