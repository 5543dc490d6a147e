/**
 * A UUID version 7 (RFC 9562): 48 bits of Unix milliseconds, then random bits. Made on the
 * device when a respondent starts, so the id is the response's identity from its first
 * moment, ordered by time, and never assigned by a server (one response, one id, however
 * many times it is sent).
 */
export function uuidv7(
	now = Date.now(),
	random: Uint8Array = crypto.getRandomValues(new Uint8Array(10))
): string {
	const bytes = new Uint8Array(16);
	let time = now;
	for (let i = 5; i >= 0; i--) {
		bytes[i] = time % 256;
		time = Math.floor(time / 256);
	}
	bytes.set(random.subarray(0, 10), 6);
	bytes[6] = 0x70 | (bytes[6]! & 0x0f); // version 7
	bytes[8] = 0x80 | (bytes[8]! & 0x3f); // variant 10
	const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
