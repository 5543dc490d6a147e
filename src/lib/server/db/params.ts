/**
 * Query parameters PostgreSQL can take. Its text never holds the character U+0000, and a
 * string with one fails the whole statement ("invalid byte sequence"), so a NUL typed into
 * a search box or a spreadsheet cell would be a 500. It becomes U+FFFD, the replacement
 * character: such a string can match nothing stored, and whatever is stored stays readable.
 * Both engines' `query` pass their parameters through here.
 */
export function storableParams(params: unknown[]): unknown[] {
	return params.map(storable);
}

function storable(value: unknown): unknown {
	if (typeof value === 'string')
		return value.includes('\0') ? value.replaceAll('\0', '\uFFFD') : value;
	if (Array.isArray(value)) return value.some(needsCleaning) ? value.map(storable) : value;
	return value;
}

const needsCleaning = (value: unknown): boolean =>
	(typeof value === 'string' && value.includes('\0')) ||
	(Array.isArray(value) && value.some(needsCleaning));
