/**
 * Whether an error means the database cannot be reached right now (a restart, a network cut,
 * too many connections), as opposed to a bad query. Such requests answer 503 with
 * Retry-After: a kiosk's outbox tries again, and nothing was half-done because every write is
 * one transaction.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
	const code = (error as { code?: unknown } | null)?.code;
	if (typeof code !== 'string') return false;
	return (
		// postgres.js: the socket closed, ended or never opened.
		/^(CONNECTION_(CLOSED|ENDED|DESTROYED)|CONNECT_TIMEOUT|ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT)$/.test(
			code
		) ||
		// PostgreSQL: connection exceptions (08), shutting down or terminated (57P), too many
		// connections (53300), and "the database system is starting up" (57P03).
		/^(08...|57P0[1-3]|53300)$/.test(code)
	);
}
