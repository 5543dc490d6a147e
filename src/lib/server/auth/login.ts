import type { Database } from '../db';
import * as audit from '../audit/audit.repository';
import * as rateLimits from './rateLimits.repository';
import * as users from '../people/users.repository';
import { decoyHash, verifyPassword } from './crypto';
import { startSession } from './sessions';
import { done, failure, type Outcome } from '../outcome';

/** Failed attempts allowed per account and per address in one window. */
export const LOGIN_LIMITS = { account: 5, address: 30, windowSeconds: 15 * 60 };

export type LoginOutcome = Outcome<
	{ user: users.User; token: string; expiresAt: Date },
	'badCredentials' | 'signInThrottled'
>;

/**
 * Checks a username and password. Failures count against the account and the client
 * address; past either limit every attempt is refused until the window ends, right or wrong,
 * so guessing gains nothing. Success clears the account's count and starts a fresh session
 * (a new token, never the one the browser came with: no session fixation).
 */
export async function login(
	db: Database,
	input: { username: string; password: string; address: string }
): Promise<LoginOutcome> {
	const accountKey = `login:user:${input.username.trim().toLowerCase()}`;
	const addressKey = `login:ip:${input.address}`;
	const { windowSeconds } = LOGIN_LIMITS;
	const [accountHits, addressHits] = await Promise.all([
		rateLimits.peek(db, accountKey, windowSeconds),
		rateLimits.peek(db, addressKey, windowSeconds)
	]);
	if (accountHits >= LOGIN_LIMITS.account || addressHits >= LOGIN_LIMITS.address) {
		return failure('signInThrottled');
	}
	const user = await users.findForLogin(db, input.username.trim());
	const valid = await verifyPassword(input.password, user?.passwordHash ?? (await decoyHash));
	if (!user || !valid || user.disabledAt) {
		await rateLimits.hit(db, accountKey, windowSeconds);
		await rateLimits.hit(db, addressKey, windowSeconds);
		return failure('badCredentials');
	}
	await rateLimits.clear(db, accountKey);
	const session = await startSession(db, user.id);
	await audit.record(db, { actorUserId: user.id, action: 'login' });
	const { passwordHash: _hash, ...publicUser } = user;
	return done({ user: publicUser, ...session });
}
