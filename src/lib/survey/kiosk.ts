import { z } from 'zod';
import type { Instrument } from './instruments';
import { plainText } from './text';

/**
 * How one kiosk behaves, set by an admin on the server and carried to the tablet with its
 * configuration. The same schema checks the admin form, the stored JSON and what the kiosk
 * keeps in IndexedDB.
 */
export const kioskSettings = z.object({
	/** `full`: the service questionnaire; `quick`: three big buttons at a counter. */
	mode: z.enum(['full', 'quick']).default('full'),
	/** Seconds without a touch before the countdown to the welcome screen starts. */
	idleSeconds: z.number().int().min(15).max(600).default(60),
	/** What an unfinished questionnaire becomes at the idle reset. */
	unfinished: z.enum(['discard', 'partial']).default('discard'),
	/** The language the welcome screen starts in; respondents can switch. */
	locale: z.enum(['vi', 'en']).default('vi'),
	/** The service fields offered as the optional first question (the `field` item). */
	services: z
		.array(plainText(120, 'kiosk.settings.error.services').pipe(z.string().min(1)))
		.max(60)
		.default([]),
	/** Quick-rating tags recorded with every tap. */
	counter: plainText(40, 'kiosk.settings.error.counter').optional(),
	officer: plainText(80, 'kiosk.settings.error.officer').optional()
});
export type KioskSettings = z.output<typeof kioskSettings>;

/** The instrument each mode uses (the newest active version is sent with the configuration). */
export const instrumentOfMode = { full: 'sipas-service-2023', quick: 'quick-rating' } as const;

/**
 * A kiosk PIN as stored: PBKDF2-SHA-256 so the tablet can check it offline with WebCrypto
 * without ever holding the PIN itself.
 */
export const pinHash = z.object({
	salt: z.string().regex(/^[0-9a-f]{32}$/),
	iterations: z.number().int().min(10_000).max(1_000_000),
	hash: z.string().regex(/^[0-9a-f]{64}$/)
});
export type PinHash = z.output<typeof pinHash>;
export const PIN_PATTERN = /^[0-9]{4,8}$/;

/** What a kiosk reports about itself with each sync: the server mirrors its health screen. */
export const deviceHealth = z
	.object({
		unsent: z.number().int().min(0),
		quarantined: z.number().int().min(0),
		lastSyncAt: z.iso.datetime({ offset: true }).nullable(),
		lastError: z.string().max(300).nullable(),
		persisted: z.boolean().nullable(),
		storageUsage: z.number().min(0).nullable(),
		storageQuota: z.number().min(0).nullable(),
		appVersion: z.string().max(40),
		/** The kiosk's clock when it sent this: the server compares it with its own. */
		clock: z.iso.datetime({ offset: true }).optional()
	})
	.strict();
export type DeviceHealth = z.output<typeof deviceHealth>;

/** Everything a kiosk needs to run a day offline: fetched at enrolment and at each start. */
export interface KioskConfiguration {
	device: { id: string; name: string };
	unit: { code: string; name: string };
	settings: KioskSettings;
	pin: PinHash | null;
	instrument: Instrument;
	/**
	 * An admin retired this tablet (replaced it): it takes no new answers and still sends
	 * those it holds, which land. Absent in enrolments kept before it existed.
	 */
	retired?: boolean;
}
