import type { IncomingMessage } from 'node:http';
import { env } from '$env/dynamic/private';
import { bearerMatches } from '$lib/server/auth/crypto';
import { db } from '$lib/server/db';
import { registry } from '$lib/server/operations/metrics';
import { scrape } from '$lib/server/operations/status';
import type { RequestHandler } from './$types';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * A call from this machine straight to this server: the connection comes from a loopback
 * address and no proxy forwarded it (Caddy, also on this machine, always adds
 * X-Forwarded-For, and a client cannot take Caddy's entry out).
 */
function fromThisMachine(request: Request, platform: App.Platform | undefined): boolean {
	const socket = (platform as { req?: IncomingMessage } | undefined)?.req?.socket;
	return LOOPBACK.has(socket?.remoteAddress ?? '') && !request.headers.has('x-forwarded-for');
}

/**
 * `GET /metrics`: the Prometheus text format. With `METRICS_TOKEN` set (32 characters or
 * more), only with `Authorization: Bearer <token>`; without it, only from this machine, not through the proxy.
 * A refusal is a plain 404, as if there were nothing here. The recipe's Caddyfiles do not
 * pass /metrics on at all.
 */
export const GET: RequestHandler = async ({ request, platform }) => {
	const allowed = env.METRICS_TOKEN
		? bearerMatches(request, env.METRICS_TOKEN)
		: fromThisMachine(request, platform);
	if (!allowed) return new Response('Not found', { status: 404 });
	await scrape(db());
	return new Response(await registry.metrics(), {
		headers: { 'content-type': registry.contentType }
	});
};
