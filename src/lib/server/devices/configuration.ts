import { instrumentOfMode, type KioskConfiguration } from '$lib/survey/kiosk';
import type { Queryable } from '../db';
import type { Device } from './devices.repository';
import * as units from '../units/units.repository';
import { latestInstrument } from '../instruments/service';
import { settingsOf } from './service';

/**
 * The configuration of an enrolled device (a retired one's too: it still sends what it holds),
 * or undefined when its instrument is missing or retired.
 */
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
		instrument,
		retired: device.retiredAt !== null
	};
}
