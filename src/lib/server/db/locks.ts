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
	housekeeping: 7_274_729,
	/**
	 * The class of the per-answer locks ingest takes before storing a batch (two-key form,
	 * `responses.lockIds`): apart from the keys above.
	 */
	answerIds: 7_274_730
} as const;
