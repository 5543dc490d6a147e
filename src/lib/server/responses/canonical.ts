import { createHash } from 'node:crypto';

/** JSON with keys sorted at every level, so equal content always gives equal text. */
export function canonicalJson(value: unknown): string {
	return JSON.stringify(value, (_key, v: unknown) =>
		v && typeof v === 'object' && !Array.isArray(v)
			? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
			: v
	);
}

export function sha256Of(value: unknown): string {
	return createHash('sha256').update(canonicalJson(value)).digest('hex');
}

/** A UUID v8 made from a SHA-256 hex digest: the same content always gives the same id. */
export function uuidOfHash(hex: string): string {
	const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** How deep a sent answer may nest; a real one is 3 levels deep (batch item, answers, a list). */
export const MAX_DEPTH = 32;
export const TOO_DEEP = '[nested too deep]';

/**
 * Whether `value` nests deeper than `left` more levels. It recurses at most `left` deep,
 * however deep the (maybe hostile) value goes, and stops at the first level too deep.
 */
function deeperThan(value: unknown, left: number): boolean {
	if (value === null || typeof value !== 'object') return false;
	if (left === 0) return true;
	for (const child of Object.values(value)) if (deeperThan(child, left - 1)) return true;
	return false;
}

function cut(value: unknown, left: number): unknown {
	if (value === null || typeof value !== 'object') return value;
	if (left === 0) return TOO_DEEP;
	if (Array.isArray(value)) return value.map((child) => cut(child, left - 1));
	return Object.fromEntries(
		Object.entries(value).map(([key, child]) => [key, cut(child, left - 1)])
	);
}

/**
 * A sent value as it is, or, when it nests deeper than `max`, a copy with what lies deeper
 * replaced by `TOO_DEEP`. Hashing, validating and storing it (JSON.stringify, a jsonb column)
 * all recurse: a value 10 000 levels deep overflowed the stack and failed a whole sync batch.
 * Cut, it is refused as any invalid answer is, on its own, and its quarantine row says why.
 */
export function boundedDepth(value: unknown, max = MAX_DEPTH): unknown {
	return deeperThan(value, max) ? cut(value, max) : value;
}
