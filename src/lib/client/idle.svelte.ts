/** The seconds of visible countdown before an idle kiosk resets. */
export const COUNTDOWN_SECONDS = 10;

const ACTIVITY = ['pointerdown', 'touchstart', 'keydown', 'input', 'scroll', 'wheel'] as const;

/**
 * Watches for a respondent who walked away: after `idleSeconds` without a touch, key, input
 * or scroll, `remaining` counts down from 10; any activity stops it; at zero `ontimeout`
 * runs. Time is read from the clock on each tick, so a tablet that slept still resets.
 */
export class IdleTimer {
	remaining = $state<number | null>(null);
	#last = Date.now();

	constructor(
		private readonly idleSeconds: () => number,
		private readonly ontimeout: () => void
	) {}

	/** Activity: start the wait again and hide any countdown. */
	touch = (): void => {
		this.#last = Date.now();
		this.remaining = null;
	};

	/** Starts watching `target`; returns the function that stops. */
	watch(target: Pick<Window, 'addEventListener' | 'removeEventListener'>): () => void {
		this.touch();
		for (const type of ACTIVITY) target.addEventListener(type, this.touch, { capture: true });
		const tick = setInterval(() => this.#tick(), 250);
		return () => {
			clearInterval(tick);
			for (const type of ACTIVITY) target.removeEventListener(type, this.touch, { capture: true });
			this.remaining = null;
		};
	}

	#tick(): void {
		const idle = (Date.now() - this.#last) / 1000 - this.idleSeconds();
		if (idle < 0) {
			this.remaining = null;
			return;
		}
		const left = Math.ceil(COUNTDOWN_SECONDS - idle);
		if (left <= 0) {
			this.touch();
			this.ontimeout();
		} else {
			this.remaining = left;
		}
	}
}
