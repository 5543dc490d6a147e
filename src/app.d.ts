import type { Locale } from '$lib/i18n';
import type { Device } from '$lib/server/devices/devices.repository';
import type { User } from '$lib/server/people/users.repository';

declare global {
	namespace App {
		interface Error {
			message: string;
			id?: string;
		}
		interface Locals {
			requestId: string;
			locale: Locale;
			user?: User;
			device?: Device;
			/** Set when the database could not be reached: the answer becomes a 503. */
			databaseDown?: boolean;
		}
		interface PageData {
			locale: Locale;
		}
	}
}

export {};
