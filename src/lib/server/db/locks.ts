/**
 * Advisory lock keys (`Database.exclusive`, `pg_advisory_xact_lock`): one per job that only
 * one server on a database may run at a time. Any numbers that are ours alone.
 */
export const LOCKS = {
	/** Applying migrations (a transaction-scoped lock in `migrate`). */
	migrations: 7_274_727,
	/** Seeding an empty database at start-up: instruments, the first admin, the demo. */
	startup: 7_274_728,
	/** The periodic purge of what has expired (`housekeeping`). */
	housekeeping: 7_274_729
} as const;
