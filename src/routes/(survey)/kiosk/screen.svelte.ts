import { IdleTimer } from '$lib/client/idle.svelte';
import { Kiosk } from '$lib/client/kiosk.svelte';
import { registerServiceWorker } from '$lib/client/pwa';
import { Survey } from '$lib/client/survey.svelte';
import type { KioskLocale } from '$lib/i18n/kiosk';
import type { ResponseInput } from '$lib/survey/responses';

export type Screen = 'welcome' | 'survey' | 'thanks' | 'fault' | 'admin' | 'enrol';

/**
 * What the kiosk shows and why: the respondent's way from welcome to thanks, the faults,
 * the idle reset, and when a new version may take over. The page only renders it.
 */
export class KioskScreen {
	readonly kiosk: Kiosk;
	readonly idle: IdleTimer;
	// Before enrolment there are no settings yet: follow the browser.
	locale = $state<KioskLocale>(navigator.language.startsWith('en') ? 'en' : 'vi');
	screen = $state<Screen>('welcome');
	survey = $state<Survey>();
	/**
	 * A response IndexedDB refused: kept in memory to try again, never dropped. Raw, not a
	 * deep proxy: IndexedDB cannot store a proxy.
	 */
	unsaved = $state.raw<{ response: ResponseInput; error: string }>();
	updateWaiting = $state(false);
	#worker: ReturnType<typeof registerServiceWorker>;
	#lastLook = { settings: Date.now(), version: Date.now() };

	constructor(appVersion: string) {
		this.kiosk = new Kiosk(appVersion);
		this.idle = new IdleTimer(
			() => this.settings?.idleSeconds ?? 60,
			() => void this.toWelcome('idle')
		);
	}

	get settings() {
		return this.kiosk.configuration?.settings;
	}

	/** Registers the service worker and opens the kiosk's storage. */
	async mount(dev: boolean): Promise<void> {
		this.#worker = registerServiceWorker({ dev, onwaiting: () => (this.updateWaiting = true) });
		await this.kiosk.boot();
		this.locale = this.settings?.locale ?? this.locale;
	}

	/** A new version waits until the kiosk is back at its welcome screen, never mid-respondent. */
	applyUpdateIfIdle(): void {
		if (this.updateWaiting && this.screen === 'welcome' && this.kiosk.phase === 'ready') {
			this.#worker?.apply();
		}
	}

	start(): void {
		this.survey = new Survey(
			this.kiosk.configuration!.instrument,
			this.#origin(),
			this.settings!.services
		);
		this.screen = 'survey';
	}

	async submit(): Promise<void> {
		if (await this.#store(this.survey!.toResponse())) {
			this.survey = undefined;
			this.screen = 'thanks';
		}
	}

	/** Quick mode: one tap is one rating, tagged with the counter and officer. */
	async rate(level: number): Promise<void> {
		const quick = new Survey(this.kiosk.configuration!.instrument, this.#origin());
		quick.answer('Q1', level);
		if (this.settings?.counter) quick.answer('counter', this.settings.counter);
		if (this.settings?.officer) quick.answer('officer', this.settings.officer);
		if (await this.#store(quick.toResponse())) this.screen = 'thanks';
	}

	/** Back to the start: after thanks, on "back" from the first screen, or at the idle reset. */
	async toWelcome(reason: 'done' | 'leave' | 'idle'): Promise<void> {
		const { survey, settings } = this;
		if (reason === 'idle' && survey && survey.answered > 0 && settings?.unfinished === 'partial') {
			if (!(await this.#store(survey.toResponse({ partial: true })))) return;
		}
		this.survey = undefined;
		this.screen = 'welcome';
		this.locale = settings?.locale ?? 'vi';
		this.#lookForChanges();
	}

	async retry(): Promise<void> {
		if (this.unsaved && (await this.#store(this.unsaved.response))) this.screen = 'thanks';
	}

	async enrol(code: string) {
		const result = await this.kiosk.enrol(code);
		if (result.ok) {
			this.screen = 'welcome';
			this.locale = this.settings?.locale ?? 'vi';
		}
		return result;
	}

	#origin() {
		const { unit, device } = this.kiosk.configuration!;
		return { unit: unit.code, channel: 'kiosk' as const, deviceId: device.id };
	}

	/** Stores a response; a refusal shows the fault screen and keeps the answer to retry. */
	async #store(response: ResponseInput): Promise<boolean> {
		const mark = `submit-${response.id}`;
		performance.mark(mark);
		try {
			await this.kiosk.submit(response);
			performance.measure('kiosk:commit', mark);
			this.unsaved = undefined;
			return true;
		} catch (error) {
			this.unsaved = { response, error: (error as Error).message || String(error) };
			this.screen = 'fault';
			return false;
		}
	}

	/**
	 * Between respondents: new settings (every 5 min) and a new version (every 30 min; the
	 * browser alone would wait up to a day on a page that never navigates).
	 */
	#lookForChanges(): void {
		const now = Date.now();
		if (now - this.#lastLook.settings >= 5 * 60_000) {
			this.#lastLook.settings = now;
			void this.kiosk.refresh();
		}
		if (now - this.#lastLook.version >= 30 * 60_000) {
			this.#lastLook.version = now;
			this.#worker?.check();
		}
	}
}
