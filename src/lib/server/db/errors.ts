/**
 * Whether an error means the database cannot be reached right now (a restart, a network cut,
 * too many connections), as opposed to a bad query. Such requests answer 503 with
 * Retry-After: a kiosk's outbox tries again, and nothing was half-done because every write is
 * one transaction.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
	const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
	if (typeof code === 'string') {
		return (
			// The socket never opened or was cut under us.
			/^(ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|EHOSTUNREACH)$/.test(code) ||
			// PostgreSQL: connection exceptions (08), shutting down or terminated (57P), too many
			// connections (53300), and "the database system is starting up" (57P03).
			/^(08...|57P0[1-3]|53300)$/.test(code)
		);
	}
	// node-postgres reports a connection lost mid-query, or a client it has given up on, by
	// message alone.
	return (
		typeof message === 'string' &&
		/^(Connection terminated|Client has encountered a connection error|Client was closed|timeout exceeded when trying to connect)/.test(
			message
		)
	);
}
