import type { DeviceHealth } from '../survey/kiosk';
import type { ResponseInput } from '../survey/responses';
import { readSyncReply } from '../survey/sync';
import type { ItemOutcome } from './outbox';

/** What one `POST /api/sync` came to, from the outbox's point of view. */
export type Reply =
	/** The server answered for every item, in batch order. */
	| { kind: 'ok'; results: ItemOutcome[]; serverTime?: number }
	/** Worth trying again later: network down, 408, 423, 429, 5xx, or a reply we cannot read. */
	| { kind: 'retry'; error: string }
	/** The batch was too large for the server: send fewer at a time. */
	| { kind: 'tooLarge'; error: string }
	/** The device token is revoked or unknown: stop until the kiosk is enrolled again. */
	| { kind: 'disabled'; error: string };

export interface Transport {
	send(responses: ResponseInput[], health?: DeviceHealth): Promise<Reply>;
}

const RETRY = new Set([408, 423, 429]);

/**
 * `POST /api/sync` over fetch. Kiosks send their bearer token; the public link sends no
 * credentials at all (a staff cookie in the same browser must not turn a citizen's answer
 * into a staff submission); staff entry sends its session cookie.
 */
export function httpTransport(options: {
	token?: () => string | undefined;
	credentials: RequestCredentials;
	url?: string;
	timeoutMs?: number;
	fetch?: typeof fetch;
}): Transport {
	const { url = '/api/sync', timeoutMs = 30_000 } = options;
	const send = options.fetch ?? ((...args: Parameters<typeof fetch>) => fetch(...args));
	return {
		async send(responses, health) {
			const headers: Record<string, string> = { 'content-type': 'application/json' };
			const token = options.token?.();
			if (token) headers.authorization = `Bearer ${token}`;
			let reply: Response;
			try {
				reply = await send(url, {
					method: 'POST',
					headers,
					credentials: options.credentials,
					body: JSON.stringify(health ? { responses, health } : { responses }),
					signal: AbortSignal.timeout(timeoutMs)
				});
			} catch (cause) {
				return { kind: 'retry', error: `network: ${(cause as Error).message}` };
			}
			const body: unknown = await reply.json().catch(() => undefined);
			if (reply.ok) {
				// Checked, not cast: a proxy's page or a half-deployed server must never be read
				// as answers (an unreadable reply keeps everything queued).
				const parsed = readSyncReply(body);
				return parsed && parsed.results.length === responses.length
					? {
							kind: 'ok',
							results: parsed.results,
							serverTime: Date.parse(parsed.serverTime) || undefined
						}
					: { kind: 'retry', error: `HTTP ${reply.status}: unreadable reply` };
			}
			const message = (body as { error?: unknown } | undefined)?.error;
			const error = `HTTP ${reply.status}${typeof message === 'string' ? `: ${message}` : ''}`;
			if (reply.status === 401 && token) return { kind: 'disabled', error };
			if (reply.status === 413) return { kind: 'tooLarge', error };
			// 408, 423, 429 and 5xx are passing trouble. 400, 403 and 415 would mean a bug or a
			// change on the server, never a bad answer (those are judged per item): they too
			// keep everything and try again later, with the error on the health screen.
			return { kind: 'retry', error: RETRY.has(reply.status) ? error : `${error} (refused)` };
		}
	};
}
