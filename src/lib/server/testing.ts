import { afterAll, beforeAll } from 'vitest';
import { testDatabase, type Engine, type TestDatabase } from './db/testing';
import type { Database } from './db';
import * as units from './repositories/units';
import { demoUnits } from './demo';
import { syncShippedInstruments } from './survey/instruments';

/** Opens a fresh migrated database for the enclosing describe block and closes it after. */
export function useTestDatabase(engine: Engine): { readonly db: Database } {
	let opened: TestDatabase | undefined;
	beforeAll(async () => {
		opened = await testDatabase(engine);
		await syncShippedInstruments(opened.db);
	});
	afterAll(async () => {
		await opened?.close();
	});
	return {
		get db() {
			if (!opened) throw new Error('database not open yet');
			return opened.db;
		}
	};
}

/** The demo province's units: a realistic tree to test against. */
export async function seedUnits(db: Database): Promise<void> {
	await db.transaction((tx) => units.insertMany(tx, demoUnits()));
}
