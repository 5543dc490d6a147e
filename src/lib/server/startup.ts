import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { newPassword } from './auth/crypto';
import { openDatabase, StartupError, useDatabase, type Database, type OpenDatabase } from './db';
import { LOCKS } from './db/locks';
import { migrate } from './db/migrate';
import { DEMO_USERS, loadDemo, loadDemoResponses } from './demo/province';
import { createUser } from './people/service';
import * as users from './people/users.repository';
import { syncShippedInstruments } from './instruments/service';

export interface ServerEnv {
	DATABASE_URL?: string;
	DATA_DIR?: string;
	REQUIRE_POSTGRES?: string;
	NODE_ENV?: string;
	SIPAS_ADMIN_PASSWORD?: string;
	DEMO?: string;
	DEMO_RESPONSES?: string;
	PORT?: string;
	ORIGIN?: string;
}

const dataDirOf = (env: ServerEnv) => env.DATA_DIR || './data';

/** Where a production start writes the generated first-admin password (in DATA_DIR). */
export const FIRST_ADMIN_FILE = 'first-admin-password';

export interface Started extends OpenDatabase {
	/** Lines for the console: where to go and how to sign in. */
	banner: string[];
}

/**
 * Everything the server does once before serving: open the database (PostgreSQL or the
 * locked embedded one), apply migrations, then seed what an empty database lacks (shipped
 * questionnaires, the first admin, the demo province). Seeding holds a lock on the database,
 * so servers started together on an empty PostgreSQL seed once: one does it, the others find
 * it done.
 *
 * In production (`NODE_ENV=production`) the demo is created only with `DEMO=1`, and no
 * password, enrolment code or PIN goes to the log: a generated first-admin password is
 * written to a file only the server's user can read, and must be changed at first sign-in.
 */
export async function start(env: ServerEnv): Promise<Started> {
	const opened = await openDatabase({
		databaseUrl: env.DATABASE_URL || undefined,
		dataDir: dataDirOf(env),
		requirePostgres: env.NODE_ENV === 'production' && env.REQUIRE_POSTGRES === '1'
	});
	try {
		const { db } = opened;
		await migrate(db);
		const origin = env.ORIGIN || `http://localhost:${env.PORT || 3000}`;
		const banner = [
			`SIPAS is ready on ${origin} (database: ${db.engine === 'pglite' ? `embedded, ${dataDirOf(env)}` : 'PostgreSQL'})`,
			`  Sign in:  ${origin}/login`,
			...((await db.exclusive(LOCKS.startup, () => seed(db, env, origin))) ?? [])
		];
		useDatabase(db);
		return { ...opened, banner };
	} catch (error) {
		await opened.close();
		throw error;
	}
}

/** Seeds what is missing; returns the banner's lines about it. */
async function seed(db: Database, env: ServerEnv, origin: string): Promise<string[]> {
	const production = env.NODE_ENV === 'production';
	await syncShippedInstruments(db);
	const banner = await firstAdmin(db, env, production);
	if (!(env.DEMO === '1' || (!production && env.DEMO !== '0'))) return banner;
	const demo = await loadDemo(db);
	if (production) {
		banner.push(
			`  Demo:     ${DEMO_USERS.map((u) => u.username).join(', ')} (passwords in the README)`,
			`  Kiosk:    ${origin}/kiosk, its enrolment code and PIN on ${origin}/admin/devices`
		);
	} else if (demo) {
		banner.push(
			...DEMO_USERS.map(
				(u) => `  Demo:     ${u.username} / ${u.password}  (${u.role}, ${u.unitCode})`
			),
			`  Kiosk:    ${origin}/kiosk, enrolment code ${demo.enrolmentCode} (valid 24 h), PIN ${demo.pin}`
		);
	} else {
		banner.push(...DEMO_USERS.map((u) => `  Demo:     ${u.username} / ${u.password}`));
	}
	if (env.DEMO_RESPONSES !== '0') {
		const started = Date.now();
		const loaded = await loadDemoResponses(db);
		if (loaded) {
			const seconds = ((Date.now() - started) / 1000).toFixed(1);
			banner.push(`  Demo:     ${loaded} survey responses loaded in ${seconds} s`);
		}
	}
	return banner;
}

/** The first admin, when there is no active one; the password's whereabouts for the banner. */
async function firstAdmin(db: Database, env: ServerEnv, production: boolean): Promise<string[]> {
	if ((await users.countActiveAdmins(db)) > 0) return [];
	const given = env.SIPAS_ADMIN_PASSWORD;
	const password = given || newPassword();
	const created = await createUser(
		db,
		{
			username: 'admin',
			password,
			role: 'admin',
			unitCode: null,
			displayName: 'Administrator',
			mustChangePassword: !given
		},
		null
	);
	if (!created.ok)
		throw new StartupError(`Could not create the first admin: ${created.issues?.[0]?.key}`);
	if (given) return ['  Admin:    admin / the password in SIPAS_ADMIN_PASSWORD'];
	if (!production)
		return [
			`  Admin:    admin / ${password}   (shown once: write it down; change it at first sign-in)`
		];
	const file = join(resolve(dataDirOf(env)), FIRST_ADMIN_FILE);
	mkdirSync(dirname(file), { recursive: true });
	writeFileSync(file, `${password}\n`, { mode: 0o600 });
	chmodSync(file, 0o600);
	return [
		`  Admin:    admin, its password in ${file} (readable by this user only; change it at first sign-in)`
	];
}
