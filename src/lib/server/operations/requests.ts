import { randomUUID } from 'node:crypto';
import type { Handle, RequestEvent } from '@sveltejs/kit';
import { building } from '$app/environment';
import { log } from './log';
import { requests, requestSeconds } from './metrics';

/** A request id a proxy may pass on (Caddy's `{http.request.uuid}`); anything else is replaced. */
const PASSED_ID = /^[A-Za-z0-9._-]{8,64}$/;

/**
 * The outermost handle: gives each request its id (`x-request-id` on the response, in the log
 * line and on the error page), then writes one log line and the request metrics once the
 * response is ready. Routes are labelled by their route id (`/units/[code]`), never by the
 * path, so the metrics do not grow with every unit code a client tries.
 */
export const observeRequests: Handle = async ({ event, resolve }) => {
	const started = performance.now();
	const passed = event.request.headers.get('x-request-id');
	const id = passed && PASSED_ID.test(passed) ? passed : randomUUID();
	event.locals.requestId = id;
	let status = 500;
	try {
		const response = await resolve(event);
		status = response.status;
		response.headers.set('x-request-id', id);
		return response;
	} finally {
		// The build prerenders the kiosk's shell through this handle: nothing to report.
		if (!building) report(event, id, status, (performance.now() - started) / 1000);
	}
};

/** One log line and the request metrics. */
function report(event: RequestEvent, id: string, status: number, seconds: number) {
	const route = event.route.id ?? 'unmatched';
	const method = event.request.method;
	requests.inc({ route, method, status: String(status) });
	requestSeconds.observe({ route }, seconds);
	const line = { req: id, method, route, status, ms: Math.round(seconds * 1000) };
	if (status >= 500) log.error(line, 'request failed');
	else log.info(line, 'request');
}
