import type { IncomingMessage } from 'node:http';
import { randomUUID } from 'node:crypto';
import {
	error,
	json,
	type Handle,
	type HandleServerError,
	type RequestEvent,
	type ServerInit
} from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { building } from '$app/environment';
import { env } from '$env/dynamic/private';
import { pickLocale, translate, type MessageKey } from '$lib/i18n';
import { hasControl } from '$lib/survey/text';
import { bodyLimitFor, decide, ruleFor, ruleKey } from '$lib/server/auth/routeRules';
import { SESSION_COOKIE, userForSession } from '$lib/server/auth/sessions';
import { db, StartupError } from '$lib/server/db';
import { isDatabaseUnavailable } from '$lib/server/db/errors';
import { DataDirLockedError } from '$lib/server/db/lock';
import { authenticateDevice } from '$lib/server/devices/service';
import { hangUp, limitBody, settleBody } from '$lib/server/bodies';
import { apiError, failureResponse } from '$lib/server/http';
import { RETENTION, scheduleHousekeeping } from '$lib/server/housekeeping/housekeeping';
import { start, type Started } from '$lib/server/startup';
import { log } from '$lib/server/operations/log';
import { observeRequests } from '$lib/server/operations/requests';

// Vite's dev server may evaluate this module again; one server process opens the database once.
const running = globalThis as typeof globalThis & { sipas?: Promise<Started> };

export const init: ServerInit = async () => {
	if (building) return;
	if (running.sipas) {
		await running.sipas;
		return;
	}
	try {
		running.sipas = start(env);
		const started = await running.sipas;
		for (const line of started.banner) console.log(line);
		const heldDays = Number(env.HELD_RETENTION_DAYS) || RETENTION.heldDays;
		const stopHousekeeping = scheduleHousekeeping(started.db, { ...RETENTION, heldDays });
		// adapter-node emits this after SIGTERM/SIGINT once requests are drained.
		process.once('sveltekit:shutdown', () => {
			stopHousekeeping();
			void started.close();
		});
	} catch (cause) {
		if (cause instanceof StartupError || cause instanceof DataDirLockedError) {
			log.fatal(`SIPAS cannot start: ${cause.message}`);
			process.exit(1);
		}
		throw cause;
	}
};

const isApi = (event: RequestEvent) => event.url.pathname.startsWith('/api/');

/** A refusal in the caller's terms: `{ error }` JSON on the API, the message as text elsewhere. */
function refusal(event: RequestEvent, status: number, key: MessageKey): Response {
	const locals = { ...event.locals, locale: event.locals.locale ?? 'vi' };
	if (isApi(event)) return apiError({ locals }, status, key);
	return new Response(translate(locals.locale, key), {
		status,
		headers: { 'content-type': 'text/plain; charset=utf-8' }
	});
}

const context: Handle = ({ event, resolve }) => {
	event.locals.locale = pickLocale(
		event.cookies.get('lang'),
		event.request.headers.get('accept-language')
	);
	// Decoded route parameters with control characters (`/units/%00`) are never meaningful.
	if (Object.values(event.params).some((value) => hasControl(value ?? ''))) {
		if (isApi(event)) return apiError(event, 400, 'api.error.badPath');
		error(400, translate(event.locals.locale, 'api.error.badPath'));
	}
	return resolve(event, {
		transformPageChunk: ({ html }) => html.replace('%lang%', event.locals.locale)
	});
};

/** The Node request behind the event (adapter-node's `platform.req`). */
const incomingOf = (event: RequestEvent) =>
	(event.platform as { req?: IncomingMessage } | undefined)?.req;

/**
 * Each route's body limit (`body` in the route rules). A declared length past it is refused
 * before anything is read, with or without a content type, and the server hangs up
 * (`bodies.ts`); a body sent without a length is cut off at the limit the same way.
 */
const bodyLimit: Handle = ({ event, resolve }) => {
	const limit = bodyLimitFor(event.route.id);
	const declared = event.request.headers.get('content-length');
	if (declared !== null && Number(declared) > limit) {
		hangUp(incomingOf(event));
		return refusal(event, 413, 'api.error.tooLarge');
	}
	if (event.request.body && declared === null) {
		event.request = limitBody(event.request, limit, () => hangUp(incomingOf(event)));
	}
	return resolve(event);
};

const authenticate: Handle = async ({ event, resolve }) => {
	const rule = ruleFor(event.route.id);
	const bearer = event.request.headers.get('authorization')?.match(/^Bearer\s+(\S+)$/i)?.[1];
	if (bearer && rule?.device) {
		const auth = await authenticateDevice(db(), bearer);
		if (!auth.ok) return failureResponse(event, auth);
		event.locals.device = auth.value;
	} else {
		const token = event.cookies.get(SESSION_COOKIE);
		if (token) event.locals.user = await userForSession(db(), token);
	}
	return resolve(event);
};

/** Role checks for every route, from the one table in access.ts. */
const authorize: Handle = ({ event, resolve }) => {
	if (!event.route.id) return resolve(event); // no such route: Kit answers 404
	const decision = decide(
		ruleFor(event.route.id),
		{ role: event.locals.user?.role, device: !!event.locals.device },
		event.request.method
	);
	if (decision === 'allow') return resolve(event);
	const api = isApi(event);
	if (decision === 'unauthenticated') {
		if (api) return apiError(event, 401, 'api.error.unauthenticated');
		const next = encodeURIComponent(event.url.pathname + event.url.search);
		return new Response(null, { status: 303, headers: { location: `/login?next=${next}` } });
	}
	if (api) return apiError(event, 403, 'api.error.forbidden');
	const message = translate(event.locals.locale, 'error.403');
	// A form action sent by `enhance` reads an ActionResult, as Kit's own errors are sent.
	if (event.request.headers.get('x-sveltekit-action') === 'true')
		return json({ type: 'error', error: { message } }, { status: 403 });
	error(403, message);
};

/** Routes open to a person whose password someone else chose, before they choose their own. */
const BEFORE_OWN_PASSWORD = new Set(['/account', '/logout', '/lang', '/login']);

/** A password someone else chose (the generated first admin's) is changed before anything else. */
const ownPasswordFirst: Handle = ({ event, resolve }) => {
	const route = ruleKey(event.route.id);
	if (!event.locals.user?.mustChangePassword || BEFORE_OWN_PASSWORD.has(route))
		return resolve(event);
	if (isApi(event)) return apiError(event, 403, 'api.error.passwordChange');
	return new Response(null, { status: 303, headers: { location: '/account' } });
};

const securityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	// What the handler left of the body: a small rest is drained, the connection kept alive;
	// a large or endless one is hung up on once the sender had time to read the answer.
	const headers = response.headers;
	if (await settleBody(event.request, incomingOf(event))) headers.set('connection', 'close');
	headers.set('X-Content-Type-Options', 'nosniff');
	headers.set('Referrer-Policy', 'same-origin');
	headers.set('X-Frame-Options', 'DENY');
	headers.set('Permissions-Policy', 'camera=(self), geolocation=(), microphone=()');
	if (!headers.has('Content-Security-Policy')) {
		headers.set(
			'Content-Security-Policy',
			"default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'"
		);
	}
	if (isApi(event)) headers.set('Cache-Control', 'no-store');
	// Over HTTPS (ORIGIN or the proxy's protocol header says so), browsers keep to it.
	if (event.url.protocol === 'https:')
		headers.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
	return response;
};

/**
 * A database that cannot be reached makes a 503 with Retry-After, not a 500: kiosks retry,
 * people are told to wait a moment. Errors in the handles above arrive here as throws; errors
 * in endpoints and loads are marked by handleError below.
 */
const databaseDown: Handle = async ({ event, resolve }) => {
	let response: Response | undefined;
	try {
		response = await resolve(event);
	} catch (cause) {
		if (!isDatabaseUnavailable(cause)) throw cause;
		event.locals.databaseDown = true;
	}
	if (!event.locals.databaseDown && response) return response;
	const answer = refusal(event, 503, 'api.error.databaseDown');
	answer.headers.set('retry-after', '5');
	return answer;
};

export const handle = sequence(
	observeRequests,
	securityHeaders,
	databaseDown,
	context,
	bodyLimit,
	authenticate,
	authorize,
	ownPasswordFirst
);

export const handleError: HandleServerError = ({ error: cause, event, status }) => {
	if (status === 404) return { message: translate(event.locals.locale ?? 'vi', 'error.404') };
	// SvelteKit's own refusal of a form action sent as something else than a form.
	if (status === 415) {
		const type = 'application/x-www-form-urlencoded, multipart/form-data';
		return { message: translate(event.locals.locale ?? 'vi', 'api.error.contentType', { type }) };
	}
	if (isDatabaseUnavailable(cause)) {
		event.locals.databaseDown = true;
		log.error(
			{ req: event.locals.requestId, method: event.request.method, path: event.url.pathname },
			'database unavailable'
		);
		return { message: translate(event.locals.locale ?? 'vi', 'api.error.databaseDown') };
	}
	const id = event.locals.requestId ?? randomUUID();
	log.error(
		{ req: id, method: event.request.method, path: event.url.pathname, err: cause },
		'unexpected error'
	);
	return { message: translate(event.locals.locale ?? 'vi', 'error.500', { id }), id };
};
