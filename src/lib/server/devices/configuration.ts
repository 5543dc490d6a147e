import { instrumentOfMode, type KioskSettings, type PinHash } from '$lib/survey/kiosk';
import type { Instrument } from '$lib/survey/instruments';
import type { Unit } from '$lib/survey/units';
import type { Queryable } from '../db';
import type { Device } from '../repositories/devices';
import * as units from '../repositories/units';
import { latestInstrument } from '../survey/instruments';
import { settingsOf } from './service';

/** Everything a kiosk needs to run a day offline, fetched at enrolment and at each start. */
export interface KioskConfiguration {
	device: { id: string; name: string };
	unit: Pick<Unit, 'code' | 'name'>;
	settings: KioskSettings;
	pin: PinHash | null;
	instrument: Instrument;
}

/** The configuration of an enrolled device, or undefined when its instrument is missing or retired. */
export async function kioskConfiguration(
	q: Queryable,
	device: Device
): Promise<KioskConfiguration | undefined> {
	const settings = settingsOf(device);
	const [unit, instrument] = await Promise.all([
		units.get(q, device.unitCode),
		latestInstrument(q, instrumentOfMode[settings.mode])
	]);
	if (!unit || !instrument) return undefined;
	return {
		device: { id: device.id, name: device.name },
		unit: { code: unit.code, name: unit.name },
		settings,
		pin: device.pinHash,
		instrument
	};
}
