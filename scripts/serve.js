// Starts the built server (build/index.js) with the defaults a first run needs.
//
// adapter-node takes the protocol for request URLs from ORIGIN, or else from PROTOCOL_HEADER
// and falls back to https; on plain http that makes every form post look cross-site. So when
// neither is set we assume the local address people will open. Behind a proxy or on a LAN,
// set ORIGIN to the address people type (README: Configuration).
import { existsSync } from 'node:fs';

if (existsSync('.env')) process.loadEnvFile('.env');

const port = process.env.PORT || '3000';
// Spreadsheet imports of up to 50 000 responses are ~15 MB; routes that take small bodies
// (sync batches) check their own limit.
process.env.BODY_SIZE_LIMIT ||= '16M';
process.env.PORT = port;
if (!process.env.ORIGIN && !process.env.PROTOCOL_HEADER) {
	process.env.ORIGIN = `http://localhost:${port}`;
}
const entry = new URL('../build/index.js', import.meta.url);
if (!existsSync(entry)) {
	console.error('No build found: run `npm run build` first (or `npm start`, which builds).');
	process.exit(1);
}
// A computed specifier, so the type checker does not wander into the bundle.
await import(entry.href);
