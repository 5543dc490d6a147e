import type { Database } from '../db';
import * as audit from '../audit/audit.repository';
import { hashPassword, verifyPassword } from '../auth/crypto';
import * as sessions from '../auth/sessions.repository';
import { startSession } from '../auth/sessions';
import { done, invalidField } from '../outcome';
import { password } from './schema';
import * as users from './users.repository';
import type { PersonOutcome } from './service';

export interface PasswordChange {
	current: string;
	next: string;
	confirm: string;
}

/**
 * A person changes their own password: the current one proves it is them, the new one
 * follows the password rule, differs from the current one and is typed twice alike. Every
 * session of theirs ends (a stolen one included) and a fresh one is returned for this
 * browser; a password someone else chose stops being demanded.
 */
export async function changeOwnPassword(
	db: Database,
	user: Pick<users.User, 'id' | 'username'>,
	change: PasswordChange
): Promise<PersonOutcome<{ token: string; expiresAt: Date }>> {
	const account = await users.findForLogin(db, user.username);
	if (
		!account ||
		account.id !== user.id ||
		!(await verifyPassword(change.current, account.passwordHash))
	)
		return invalidField('current', 'account.error.current');
	if (!password.safeParse(change.next).success) return invalidField('next', 'users.error.password');
	if (change.next === change.current) return invalidField('next', 'account.error.same');
	if (change.confirm !== change.next) return invalidField('confirm', 'account.error.confirm');
	const hash = await hashPassword(change.next);
	return db.transaction(async (tx) => {
		await users.setPasswordHash(tx, user.id, hash);
		await sessions.removeForUser(tx, user.id);
		await audit.record(tx, {
			actorUserId: user.id,
			action: 'user.ownPassword',
			target: user.username
		});
		return done(await startSession(tx, user.id));
	});
}
