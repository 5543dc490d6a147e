import { newPassword } from './auth/crypto';
import { openDatabase, StartupError, useDatabase, type OpenDatabase } from './db';
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

export interface Started extends OpenDatabase {
	/** Lines for the console: where to go and how to sign in. */
	banner: string[];
}

/**
 * Everything the server does once before serving: open the database (PostgreSQL or the
 * locked embedded one), apply migrations, create the first admin, load the demo province.
 */
export async function start(env: ServerEnv): Promise<Started> {
	const opened = await openDatabase({
		databaseUrl: env.DATABASE_URL || undefined,
		dataDir: env.DATA_DIR || './data',
		requirePostgres: env.NODE_ENV === 'production' && env.REQUIRE_POSTGRES === '1'
	});
	try {
		const { db } = opened;
		await migrate(db);
		await syncShippedInstruments(db);
		const origin = env.ORIGIN || `http://localhost:${env.PORT || 3000}`;
		const banner = [
			`SIPAS is ready on ${origin} (database: ${db.engine === 'pglite' ? `embedded, ${env.DATA_DIR || './data'}` : 'PostgreSQL'})`,
			`  Sign in:  ${origin}/login`
		];
		if ((await users.countActiveAdmins(db)) === 0) {
			const password = env.SIPAS_ADMIN_PASSWORD || newPassword();
			const created = await createUser(
				db,
				{
					username: 'admin',
					password,
					role: 'admin',
					unitCode: null,
					displayName: 'Administrator'
				},
				null
			);
			if (!created.ok)
				throw new StartupError(`Could not create the first admin: ${created.issues?.[0]?.key}`);
			banner.push(
				env.SIPAS_ADMIN_PASSWORD
					? '  Admin:    admin / the password in SIPAS_ADMIN_PASSWORD'
					: `  Admin:    admin / ${password}   (shown once: write it down)`
			);
		}
		if (env.DEMO !== '0') {
			const demo = await loadDemo(db);
			if (demo) {
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
		}
		useDatabase(db);
		return { ...opened, banner };
	} catch (error) {
		await opened.close();
		throw error;
	}
}
