import type { UnitInput } from '$lib/survey/units';
import { createDevice } from '../devices/service';
import type { Database } from '../db';
import { createUser } from '../people/service';
import type { Instrument } from '$lib/survey/instruments';
import * as responses from '../responses/responses.repository';
import type { NewResponse } from '../responses/responses.repository';
import * as dossiers from '../units/dossiers.repository';
import * as rollups from '../responses/rollups.repository';
import * as units from '../units/units.repository';
import { demoResponses } from './responses';
import { rollupDeltas } from '$lib/survey/rollups';
import { instrumentFor } from '../instruments/service';
import { vietnamDay } from '$lib/survey/responses';
import { communes, departments, mergedNames } from './names';

const PROVINCE = 'DEMO';

/**
 * Before the reform: two districts, abolished on 1 July 2025 with no successor (the district
 * level ended; their communes went on), and the old communes, each district's half of them.
 */
const districts = ['Huyện An Dương', 'Huyện Bình Giang'];

const REFORM = '2025-07-01';
const BEFORE_REFORM = '2025-06-30';
const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The demo province: ~20 departments, ~40 communes since the reform of 1 July 2025, each
 * formed from two old communes that stood under the two abolished districts.
 */
export function demoUnits(): UnitInput[] {
	const base = {
		validFrom: null,
		validTo: null,
		successorCodes: [] as string[],
		predecessorCodes: [] as string[],
		changedFrom: null
	};
	const list: UnitInput[] = [
		{
			...base,
			code: PROVINCE,
			name: 'Tỉnh An Hòa (dữ liệu mẫu)',
			kind: 'province',
			parentCode: null
		}
	];
	departments.forEach((name, i) =>
		list.push({
			...base,
			code: `DEMO.S${pad(i + 1)}`,
			name,
			kind: 'department',
			parentCode: PROVINCE
		})
	);
	districts.forEach((name, i) =>
		list.push({
			...base,
			code: `DEMO.H${pad(i + 1)}`,
			name,
			kind: 'district',
			parentCode: PROVINCE,
			validTo: BEFORE_REFORM
		})
	);
	communes.forEach((name, i) => {
		const old = [name, mergedNames[i]!].map((oldName, k) => ({
			...base,
			code: `DEMO.C${pad(2 * i + k + 1)}`,
			name: oldName,
			kind: 'commune' as const,
			parentCode: `DEMO.H${pad(i < communes.length / 2 ? 1 : 2)}`,
			validTo: BEFORE_REFORM
		}));
		list.push(...old, {
			...base,
			code: `DEMO.X${pad(i + 1)}`,
			name,
			kind: 'commune',
			parentCode: PROVINCE,
			validFrom: REFORM,
			predecessorCodes: old.map((unit) => unit.code)
		});
	});
	return list;
}

export const DEMO_USERS = [
	{
		username: 'manager',
		password: 'demo-manager',
		role: 'manager',
		unitCode: PROVINCE,
		displayName: 'Lãnh đạo Sở Nội vụ (demo)'
	},
	{
		// A ward's leader: reads the ward's dashboard and nothing of its neighbours.
		username: 'manager-x01',
		password: 'demo-manager-x01',
		role: 'manager',
		unitCode: 'DEMO.X01',
		displayName: 'Lãnh đạo Phường An Lạc (demo)'
	},
	{
		username: 'staff',
		password: 'demo-staff-1',
		role: 'staff',
		unitCode: 'DEMO.X01',
		displayName: 'Cán bộ một cửa Phường An Lạc (demo)'
	},
	{
		// A second clerk of the same office: the one who re-keys forms for double entry.
		username: 'staff2',
		password: 'demo-staff-2',
		role: 'staff',
		unitCode: 'DEMO.X01',
		displayName: 'Cán bộ kiểm tra Phường An Lạc (demo)'
	},
	{
		username: 'staff-b',
		password: 'demo-staff-b',
		role: 'staff',
		unitCode: 'DEMO.X02',
		displayName: 'Cán bộ một cửa Phường Bình Minh (demo)'
	}
] as const;

export interface DemoResult {
	kioskName: string;
	/** What to type on a tablet at /kiosk (valid for a day; admins can issue another). */
	enrolmentCode: string;
	pin: string;
}

/** Loads the demo province into an empty database. Returns how to enrol the demo kiosk. */
export async function loadDemo(db: Database): Promise<DemoResult | undefined> {
	if ((await units.count(db)) > 0) return undefined;
	await db.transaction((tx) => units.insertMany(tx, demoUnits()));
	for (const user of DEMO_USERS) await createUser(db, { ...user }, null);
	await loadDemoDossiers(db);
	const kioskName = 'Ki-ốt một cửa Phường An Lạc (demo)';
	const device = await createDevice(db, { unit: 'DEMO.X01', name: kioskName }, null);
	if (!device.ok) throw new Error('The demo unit is missing.');
	return { kioskName, enrolmentCode: device.value.enrolmentCode, pin: device.value.pin! };
}

/** Dossiers handled per unit in 2025 and 2026, so the dashboards can check sample sizes. */
async function loadDemoDossiers(db: Database): Promise<void> {
	const list = demoUnits().filter((u) => u.kind === 'department' || u.kind === 'commune');
	for (const [i, unit] of list.entries()) {
		const base =
			unit.kind === 'department' ? 6000 + ((i * 2477) % 14000) : 1500 + ((i * 977) % 4500);
		for (const year of [2025, 2026]) {
			await dossiers.set(db, {
				unit: unit.code,
				year,
				dossiers: base + (year - 2025) * 250,
				by: null
			});
		}
	}
}

const DEMO_FROM = '2025-01-01';
const INSERT_CHUNK = 2000;

/**
 * Loads about two years of demo answers (to yesterday, Vietnam time) through the bulk path:
 * rows in chunks of a few thousand per statement and the counters summed once, all in one
 * transaction, so an interrupted first start simply loads them again next time.
 */
export async function loadDemoResponses(
	db: Database,
	today = vietnamDay(new Date())
): Promise<number> {
	// Any row at all means the demo (or real data) is there: no need to count them.
	const [{ any } = { any: false }] = await db.query<{ any: boolean }>(
		'select exists (select 1 from responses) as any'
	);
	if (any || !(await units.get(db, PROVINCE))) return 0;
	const instrument = (await instrumentFor(db, 'sipas-service-2023', 1))!;
	const members = (await units.list(db, await units.subtreeCodes(db, PROVINCE))).filter(
		(u) => u.kind !== 'province'
	);
	const to = new Date(Date.parse(today) - 86_400_000).toISOString().slice(0, 10);
	const rows = demoResponses({ instrument, units: members, from: DEMO_FROM, to });
	const { inserted, skipped } = await bulkLoad(db, rows, instrument);
	if (skipped.length)
		throw new Error(`demo: ${skipped.length} generated ids repeat, e.g. ${skipped[0]}`);
	return inserted;
}

/** What a bulk load did: how many rows it stored and the ids it found stored already. */
export interface BulkLoaded {
	inserted: number;
	/** Rows not stored because their id was (a repeat in the input, or already in the table). */
	skipped: string[];
}

/**
 * Stores valid, new responses of one instrument in bulk: rows a few thousand per statement,
 * counters summed once, one transaction. For generated or already-checked data only. A row
 * whose id is stored already is left out, of the counters too, and reported: a count that
 * does not add up names the ids it lost instead of showing up as a difference at 10 M.
 */
export async function bulkLoad(
	db: Database,
	rows: readonly NewResponse[],
	instrument: Instrument
): Promise<BulkLoaded> {
	const loaded = await db.transaction(async (tx) => {
		const stored: NewResponse[] = [];
		const skipped: string[] = [];
		for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
			const chunk = rows.slice(i, i + INSERT_CHUNK);
			const inserted = await responses.insertNew(tx, chunk);
			for (const row of chunk) {
				// A repeat within one chunk: the first is stored, the next ones are not.
				if (inserted.delete(row.id)) stored.push(row);
				else skipped.push(row.id);
			}
		}
		const deltas = rollupDeltas(stored.map((row) => ({ row, instrument })));
		const flagged = rollupDeltas(
			stored.filter((row) => row.flags?.length).map((row) => ({ row, instrument }))
		);
		for (let i = 0; i < deltas.length; i += INSERT_CHUNK * 5) {
			await rollups.add(tx, deltas.slice(i, i + INSERT_CHUNK * 5));
		}
		for (let i = 0; i < flagged.length; i += INSERT_CHUNK * 5) {
			await rollups.add(tx, flagged.slice(i, i + INSERT_CHUNK * 5), 'flagged_rollups');
		}
		return { inserted: stored.length, skipped };
	});
	await rollups.analyze(db);
	return loaded;
}
