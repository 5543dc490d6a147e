/**
 * Clock skew, apart from the admission rules so the kiosk's health screen can use it without
 * loading their schemas (zod is not part of the kiosk's first load: see BENCHMARKS.md).
 */

/** How far ahead of the server a sender's clock may run: five minutes. */
export const CLOCK_SKEW_MS = 5 * 60_000;

/** How far a clock reading taken at `at` (the server's time) runs ahead; 0 when unknown. */
export function clockSkew(clock: string | undefined, at: number | undefined): number {
	const reading = clock ? Date.parse(clock) : NaN;
	return Number.isFinite(reading) && at !== undefined ? reading - at : 0;
}

/** A clock off by more than the skew allowed: its answers are marked. */
export const clockOff = (skewMs: number): boolean => Math.abs(skewMs) > CLOCK_SKEW_MS;
