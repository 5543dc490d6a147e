import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IdleTimer } from './idle.svelte';

describe('idle timer', () => {
	beforeEach(() => vi.useFakeTimers({ now: Date.parse('2026-11-22T08:00:00Z') }));
	afterEach(() => vi.useRealTimers());

	it('counts down 10 s after the idle time and resets at zero', () => {
		const reset = vi.fn();
		const timer = new IdleTimer(() => 60, reset);
		const stop = timer.watch(new EventTarget() as unknown as Window);
		vi.advanceTimersByTime(59_000);
		expect(timer.remaining).toBeNull();
		vi.advanceTimersByTime(1_250);
		expect(timer.remaining).toBe(10);
		vi.advanceTimersByTime(5_000);
		expect(timer.remaining).toBe(5);
		expect(reset).not.toHaveBeenCalled();
		vi.advanceTimersByTime(5_000);
		expect(reset).toHaveBeenCalledTimes(1);
		expect(timer.remaining).toBeNull();
		stop();
	});

	it.each(['pointerdown', 'touchstart', 'keydown', 'input', 'scroll', 'wheel'])(
		'treats %s as activity, during the wait and during the countdown',
		(type) => {
			const reset = vi.fn();
			const target = new EventTarget();
			const timer = new IdleTimer(() => 30, reset);
			const stop = timer.watch(target as unknown as Window);
			vi.advanceTimersByTime(25_000);
			target.dispatchEvent(new Event(type));
			vi.advanceTimersByTime(25_000);
			expect(timer.remaining).toBeNull();
			vi.advanceTimersByTime(8_000);
			expect(timer.remaining).not.toBeNull();
			target.dispatchEvent(new Event(type));
			expect(timer.remaining).toBeNull();
			vi.advanceTimersByTime(35_000);
			expect(reset).not.toHaveBeenCalled();
			stop();
			// Stopped: no more resets, whatever the time.
			vi.advanceTimersByTime(600_000);
			expect(reset).not.toHaveBeenCalled();
		}
	);

	it('resets a tablet that slept through the countdown at its first tick', () => {
		const reset = vi.fn();
		const timer = new IdleTimer(() => 60, reset);
		const stop = timer.watch(new EventTarget() as unknown as Window);
		vi.setSystemTime(Date.now() + 3_600_000);
		vi.advanceTimersByTime(250);
		expect(reset).toHaveBeenCalledTimes(1);
		stop();
	});
});
