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
