/**
 * JSON text that PostgreSQL will store as `jsonb`. jsonb cannot hold the character U+0000
 * (in a key or a string): a broken device or a hostile client can send it, and the insert
 * would fail the whole request. It becomes U+FFFD, the replacement character, so that a
 * refused payload is still kept in quarantine and shown as sent, near enough.
 */
export function jsonb(value: unknown): string {
	// In JSON text NUL is always written `\u0000`; an even run of backslashes before it means
	// the backslash is the text's own (`\\u0000` is a backslash and "u0000"), left alone.
	return JSON.stringify(value).replace(/(?<!\\)((?:\\\\)*)\\u0000/g, '$1\\ufffd');
}
