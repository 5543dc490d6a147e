import Dexie, { type Table } from 'dexie';
import type { Issue } from '../survey/issues';
import type { ResponseInput } from '../survey/responses';
import type { ItemStatus } from '../survey/sync';

/**
 * One response in the outbox. `queued` until the server acknowledges it; then `sent` (a
 * receipt, kept 30 days) or `quarantined` (the server refused it: kept until a person
 * decides, never retried blindly, never deleted automatically).
 */
export interface OutboxEntry {
	/** The response id (UUID v7, made on the device). */
	id: string;
	state: 'queued' | 'sent' | 'quarantined';
	/** When the respondent finished (ms since epoch): the order the outbox drains in. */
	queuedAt: number;
	response: ResponseInput;
	/** Sync requests with this entry that failed as a whole (network, 5xx…). */
	attempts: number;
	/** When the server acknowledged or refused it. */
	settledAt?: number;
	outcome?: ItemStatus;
	issues?: Issue[];
}

/** Small named values: the enrolment, the sequence counter, the last sync. */
export interface MetaEntry {
	key: string;
	value: unknown;
}

/**
 * The device's IndexedDB: the outbox is the offline truth. Every `version(n)` stays here
 * once released, so a tablet that skipped updates still upgrades step by step.
 */
export class ClientDatabase extends Dexie {
	outbox!: Table<OutboxEntry, string>;
	meta!: Table<MetaEntry, string>;

	constructor(name: string) {
		super(name);
		this.version(1).stores({ outbox: 'id, [state+queuedAt], settledAt', meta: 'key' });
	}
}
