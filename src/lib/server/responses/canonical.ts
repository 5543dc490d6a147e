import { createHash } from 'node:crypto';

/**
 * JSON with keys sorted at every level, so equal content always gives equal text. Stored
 * content hashes were made with `JSON.stringify` and a replacer that rebuilt each object with
 * sorted entries; this writes the very same text (array-index keys first in numeric order, as
 * any object puts them, then the others in code-unit order; `undefined` and functions left out
 * of objects and `null` in arrays; `toJSON` honoured) without an object made per level:
 * ingest hashes every answer, and a batch of 500 took 10–14 ms to hash before, 7–8 ms now
 * (text and SHA-256 together; a property test keeps the two texts equal).
 */
export function canonicalJson(value: unknown): string {
	// Undefined only for what JSON.stringify also leaves out (undefined, a function).
	return canonical(value, '') as string;
}

const INDEX = /^(?:0|[1-9]\d*)$/;
const isIndex = (key: string) => INDEX.test(key) && Number(key) < 4294967295;

function canonical(value: unknown, key: string): string | undefined {
	if (value !== null && typeof value === 'object') {
		const json = (value as { toJSON?: unknown }).toJSON;
		if (typeof json === 'function') return canonical(json.call(value, key), key);
		if (Array.isArray(value)) {
			let out = '[';
			for (let i = 0; i < value.length; i++)
				out += (i ? ',' : '') + (canonical(value[i], String(i)) ?? 'null');
			return out + ']';
		}
		// Own keys list array indices first (ascending), then the rest as inserted.
		const keys = Object.keys(value);
		let first = 0;
		while (first < keys.length && isIndex(keys[first]!)) first++;
		const named = keys.slice(first).sort();
		let out = '{';
		let any = false;
		for (const name of [...keys.slice(0, first), ...named]) {
			const text = canonical((value as Record<string, unknown>)[name], name);
			if (text === undefined) continue;
			out += (any ? ',' : '') + JSON.stringify(name) + ':' + text;
			any = true;
		}
		return out + '}';
	}
	return JSON.stringify(value);
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
