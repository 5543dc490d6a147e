import type { DeviceHealth } from '../survey/kiosk';
import { ClientDatabase } from './db';
import { Outbox } from './outbox';
import { SyncEngine, type Locks, type SyncState } from './sync';
import { httpTransport } from './transport';

export interface OutboxClientOptions {
	/** The IndexedDB database: one per kiosk, per phone, per clerk on a shared computer. */
	database: string;
	/** The Web Lock that lets one tab at a time drain this outbox. */
	lockName: string;
	/** `omit` for kiosks (bearer token) and the public link; `same-origin` for staff. */
	credentials: RequestCredentials;
	token?: () => string | undefined;
	health?: (inFlight: number) => Promise<DeviceHealth>;
	heartbeatMs?: number;
	onchange?: (state: SyncState) => void;
	locks?: Locks;
}

/**
 * The durable outbox and the engine that drains it to `POST /api/sync`, wired the one way
 * every capture point uses them: the kiosk, the clerk's entry desk and the citizen's phone.
 */
export function outboxClient(options: OutboxClientOptions): {
	outbox: Outbox;
	engine: SyncEngine;
} {
	const outbox = new Outbox(new ClientDatabase(options.database));
	const engine = new SyncEngine({
		outbox,
		transport: httpTransport({ token: options.token, credentials: options.credentials }),
		locks: options.locks ?? (navigator as Navigator & { locks?: Locks }).locks,
		lockName: options.lockName,
		heartbeatMs: options.heartbeatMs,
		health: options.health,
		onchange: options.onchange
	});
	return { outbox, engine };
}
