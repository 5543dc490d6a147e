import type { DeviceHealth, KioskConfiguration } from '../survey/kiosk';
import type { ResponseInput } from '../survey/responses';
import type { Outbox } from './outbox';
import { outboxClient } from './outboxClient';
import type { SyncEngine } from './sync';
import { isoTime } from './time';

/** What enrolment leaves in IndexedDB: the token and everything needed to run offline. */
export interface Enrolment {
	token: string;
	configuration: KioskConfiguration;
}

/**
 * `retired`: an admin replaced this tablet; it takes no new answers but keeps sending the ones
 * it holds. `disabled`: its token was revoked; it sends nothing until enrolled again.
 */
export type Phase = 'loading' | 'enrol' | 'disabled' | 'retired' | 'ready';

/** Kiosks report their health with every sync and at least this often. */
const HEARTBEAT_MS = 5 * 60_000;

/**
 * The kiosk's state outside any one screen: its enrolment (in IndexedDB), its outbox and
 * the engine that drains it. Screens read `phase` and `configuration`.
 */
export class Kiosk {
	phase = $state<Phase>('loading');
	enrolment = $state<Enrolment>();
	readonly outbox: Outbox;
	readonly engine: SyncEngine;

	constructor(private readonly appVersion: string) {
		({ outbox: this.outbox, engine: this.engine } = outboxClient({
			database: 'sipas-kiosk',
			lockName: 'sipas-kiosk-outbox',
			credentials: 'omit',
			token: () => this.enrolment?.token,
			heartbeatMs: HEARTBEAT_MS,
			health: (inFlight) => this.health(inFlight),
			onchange: (state) => {
				if (state.disabled && this.#running) this.phase = 'disabled';
			}
		}));
	}

	get configuration(): KioskConfiguration | undefined {
		return this.enrolment?.configuration;
	}

	/** Opens the outbox, reads the enrolment, starts syncing and refreshes the configuration. */
	async boot(): Promise<void> {
		await this.engine.restore();
		this.enrolment = await this.outbox.getMeta<Enrolment>('enrolment');
		if (!this.enrolment) {
			this.phase = 'enrol';
			return;
		}
		this.phase = this.enrolment.configuration.retired ? 'retired' : 'ready';
		this.engine.start(window);
		void this.refresh();
	}

	/** Enrolled and syncing: taking answers, or retired and sending the last of them. */
	get #running(): boolean {
		return this.phase === 'ready' || this.phase === 'retired';
	}

	/** Trades an enrolment code for a token and the configuration, and keeps both. */
	async enrol(code: string): Promise<{ ok: true } | { ok: false; error: string }> {
		let reply: Response;
		try {
			reply = await fetch('/api/devices/enrol', {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ code }),
				credentials: 'omit'
			});
		} catch {
			return { ok: false, error: 'offline' };
		}
		const body = (await reply.json().catch(() => ({}))) as { token?: string; error?: string };
		if (!reply.ok || !body.token) return { ok: false, error: body.error ?? `HTTP ${reply.status}` };
		const configuration = await this.#fetchConfiguration(body.token);
		if ('error' in configuration) return { ok: false, error: configuration.error };
		if ('disabled' in configuration) return { ok: false, error: 'HTTP 401' };
		await this.#keep({ token: body.token, configuration });
		// Ask the browser not to evict the outbox under storage pressure.
		await navigator.storage?.persist?.().catch(() => false);
		const wasRunning = this.phase === 'disabled' || this.#running;
		this.phase = 'ready';
		this.engine.enable();
		if (!wasRunning) this.engine.start(window);
		else void this.engine.drain();
		return { ok: true };
	}

	/**
	 * Picks up settings an admin changed; a revoked token shows the disabled screen, a retired
	 * tablet the retired one.
	 */
	async refresh(): Promise<void> {
		if (!this.enrolment) return;
		const configuration = await this.#fetchConfiguration(this.enrolment.token);
		if ('disabled' in configuration) {
			this.phase = 'disabled';
			return;
		}
		if ('error' in configuration) return; // offline: keep what we have
		await this.#keep({ ...this.enrolment, configuration });
		if (configuration.retired && this.phase === 'ready') this.phase = 'retired';
	}

	/** Stores a finished response; rejects if IndexedDB did not take it (the caller shows a fault). */
	async submit(response: ResponseInput): Promise<void> {
		// A plain copy: IndexedDB cannot clone a reactive proxy.
		await this.outbox.add($state.snapshot(response), { sequence: true });
		void this.engine.drain();
	}

	/** The health screen's figures; `inFlight` responses are counted as already sent. */
	async health(inFlight = 0): Promise<DeviceHealth> {
		const counts = await this.outbox.counts();
		const storage = navigator.storage;
		const estimate = await storage?.estimate?.().catch(() => undefined);
		return {
			unsent: Math.max(0, counts.queued - inFlight),
			quarantined: counts.quarantined,
			lastSyncAt: this.engine.state.lastSyncAt,
			lastError: this.engine.state.lastError?.slice(0, 300) ?? null,
			persisted: (await storage?.persisted?.().catch(() => null)) ?? null,
			storageUsage: estimate?.usage ?? null,
			storageQuota: estimate?.quota ?? null,
			appVersion: this.appVersion.slice(0, 40),
			clock: isoTime()
		};
	}

	/** The last-resort rescue: everything not yet safely on the server, as a JSON file. */
	async rescueFile(): Promise<Blob> {
		const entries = await this.outbox.unsettled();
		const body = {
			exportedAt: isoTime(),
			device: this.configuration?.device ?? null,
			unit: this.configuration?.unit ?? null,
			responses: entries.map((e) => ({ ...e.response, outboxState: e.state, issues: e.issues }))
		};
		return new Blob([JSON.stringify(body, null, 2)], { type: 'application/json' });
	}

	/** The enrolment in memory and in IndexedDB (as a plain copy: it cannot hold a proxy). */
	async #keep(enrolment: Enrolment): Promise<void> {
		this.enrolment = enrolment;
		await this.outbox.setMeta('enrolment', $state.snapshot(enrolment));
	}

	async #fetchConfiguration(
		token: string
	): Promise<KioskConfiguration | { error: string } | { disabled: true }> {
		try {
			const reply = await fetch('/api/kiosk', {
				headers: { authorization: `Bearer ${token}` },
				credentials: 'omit'
			});
			if (reply.status === 401) return { disabled: true };
			const body = (await reply.json()) as KioskConfiguration & { error?: string };
			return reply.ok ? body : { error: body.error ?? `HTTP ${reply.status}` };
		} catch {
			return { error: 'offline' };
		}
	}
}
