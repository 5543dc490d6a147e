/**
 * Whether a string is a UUID. Ids come from addresses and form fields, where anything can be
 * typed; PostgreSQL refuses a malformed one with an error, so lookups check first and answer
 * "not found".
 */
export const isUuid = (id: string): boolean =>
	/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
