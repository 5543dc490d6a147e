/** An instant as the API takes it (ISO 8601, UTC). */
export function isoTime(ms: number = Date.now()): string {
	return new Date(ms).toISOString();
}
