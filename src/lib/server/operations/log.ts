import pino from 'pino';

/**
 * The server's log: one JSON object a line on stdout, which systemd hands to the journal
 * (`journalctl -u 'sipas@*' -o cat | jq`). Each request's line carries its id, which the
 * response's `x-request-id` header and the error page show too, so a citizen's or a clerk's
 * "error 5f3c…" leads to its line. `LOG_LEVEL` (`info` by default) sets how much is written.
 *
 * pino, not hand-written JSON: the fastest Node logger (it writes synchronously to the file
 * descriptor without a worker here), with levels, child loggers and safe serialisation of
 * errors and cyclic objects; no transport is used, so no thread is started.
 */
export const log = pino({
	level: process.env.LOG_LEVEL || 'info',
	base: { pid: process.pid },
	timestamp: pino.stdTimeFunctions.isoTime,
	formatters: { level: (label) => ({ level: label }) }
});
