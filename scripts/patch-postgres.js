// `postinstall`: mends a crash in the PostgreSQL client (postgres 3.4.9, the latest).
//
// When the database drops a connection (a restart, pg_terminate_backend, a network cut), a
// write the client had scheduled for the next tick runs on a socket that is already gone and
// throws from a timer: an uncaught TypeError that takes the whole server down
// (porsager/postgres#1066, #1154, #1208; fixes proposed in #1168 and #1209, not released).
// Our chaos test (tests/chaos.e2e.ts) cuts connections in the middle of sync batches and saw
// the server die this way. The patch follows #1209: fail the waiting queries with
// CONNECTION_CLOSED, which the app turns into a 503 the kiosk retries.
//
// Idempotent; if a new version no longer has the line, it says so and changes nothing.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const anchor = '  function nextWrite(fn) {\n    const x = socket.write(chunk, fn)';
const patched = `  function nextWrite(fn) {
    if (!socket) { // sipas: porsager/postgres#1208
      nextWriteTimer !== null && clearImmediate(nextWriteTimer)
      chunk = nextWriteTimer = null
      error(Errors.connection('CONNECTION_CLOSED', options, socket))
      return false
    }
    const x = socket.write(chunk, fn)`;

for (const file of [
	'node_modules/postgres/src/connection.js',
	'node_modules/postgres/cjs/src/connection.js'
]) {
	if (!existsSync(file)) continue;
	const source = readFileSync(file, 'utf8');
	if (source.includes('sipas: porsager/postgres#1208')) continue;
	if (!source.includes(anchor)) {
		console.warn(`patch-postgres: ${file} has changed; check whether #1208 is fixed upstream.`);
		continue;
	}
	writeFileSync(file, source.replace(anchor, patched));
	console.log(`patch-postgres: guarded nextWrite in ${file}`);
}
