/** Vietnam has no daylight saving time: a day there is UTC+7 all year. */
export const VIETNAM_OFFSET_MS = 7 * 3600_000;

/** The Vietnam calendar day (YYYY-MM-DD) of an instant, whatever the server's time zone. */
export function vietnamDay(instant: string | Date | number): string {
	return new Date(new Date(instant).getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}

/** Today in Vietnam: unit validity dates, periods and submissions are Vietnamese days. */
export function today(): string {
	return vietnamDay(Date.now());
}
