/**
 * Request bodies the server will not read in full: past their route's limit, or left unread
 * by an answer given early (401, 403, 415). Reading them to the end to keep the connection
 * alive costs ~2.5 ms of server CPU per MB, so that a storm of large posts would buy the
 * sender the server's time; closing at once races the answer against the reset, and the
 * sender may never see why. So the server "hangs up" as nginx and Go's server do: it stops
 * reading (the sender's own TCP window then holds it back) and resets the connection a second
 * later, once the answer has been read. Only a small remainder is drained, which keeps the
 * connection of an ordinary refused request alive. Measured in `npm run soak` (BENCHMARKS.md).
 */
import type { IncomingMessage } from 'node:http';

/** How long a refused sender has to read its answer before its connection is reset. */
export const LINGER_MS = 1000;

/** What is left of an unread body, at most, that is drained instead of hung up on. */
export const DRAIN_AT_MOST = 64 * 1024;

/** A body past its route's limit (`limitBody`) or past adapter-node's BODY_SIZE_LIMIT. */
export class BodyTooLarge extends Error {
	readonly status = 413;
}

export const isTooLarge = (cause: unknown) =>
	cause instanceof BodyTooLarge || (cause as { status?: number } | null)?.status === 413;

/** Requests hung up on: their answer says `connection: close`. */
const hungUp = new WeakSet<IncomingMessage>();

/**
 * Stops reading the request; its answer (which must say `connection: close`, see
 * `settleBody`) is followed by a FIN, and the connection is reset LINGER_MS later. Node would
 * otherwise read and drop the rest itself once the answer is sent, for as long as the sender
 * sends, and reset the connection as soon as the answer is written (its `destroySoon`, which
 * this socket's own replaces). It does not when the request was read from: `read()` takes
 * what is buffered (at most a socket read or two, dropped) and so always asks for more, which
 * marks the request as consumed; `read(0)` asks only while the buffer is below the stream's
 * high-water mark, and a sender faster than the answer had filled it (bodies.spec.ts).
 */
export function hangUp(incoming: IncomingMessage | undefined): void {
	if (!incoming || hungUp.has(incoming) || incoming.socket.destroyed) return;
	hungUp.add(incoming);
	incoming.removeAllListeners('data');
	incoming.pause();
	incoming.read();
	const socket = incoming.socket;
	socket.destroySoon = () => {
		socket.end();
		setTimeout(() => socket.destroy(), LINGER_MS).unref();
	};
}

/**
 * The request with its body cut off at `limit` bytes: reading past it fails with
 * `BodyTooLarge`, and `overflow` is called to stop the rest. For bodies sent without a length
 * (a declared length is checked before anything is read).
 */
export function limitBody(request: Request, limit: number, overflow: () => void): Request {
	const source = request.body!.getReader();
	let seen = 0;
	const body = new ReadableStream<Uint8Array>({
		async pull(controller) {
			const { done, value } = await source.read();
			if (done) return controller.close();
			seen += value.byteLength;
			if (seen <= limit) return controller.enqueue(value);
			controller.error(new BodyTooLarge());
			overflow();
		},
		cancel: overflow
	});
	return new Request(request, { body, duplex: 'half' } as RequestInit);
}

/**
 * After the answer: what the handler left of the body is drained when small and declared,
 * hung up on otherwise (a large or endless one, or one SvelteKit never exposed because it came
 * without a content type). True when the connection is hung up on: the answer must then say
 * `connection: close`, so that the client does not send its next request on it.
 */
export async function settleBody(
	request: Request,
	incoming: IncomingMessage | undefined
): Promise<boolean> {
	if (incoming && hungUp.has(incoming)) return true;
	if (request.bodyUsed || !incoming || incoming.readableEnded) return false;
	const declared = request.headers.get('content-length');
	const sent = declared !== null ? Number(declared) > 0 : request.headers.has('transfer-encoding');
	if (!sent) return false;
	if (declared === null || Number(declared) > DRAIN_AT_MOST || !request.body) {
		hangUp(incoming);
		return true;
	}
	try {
		const reader = request.body.getReader();
		while (!(await reader.read()).done);
	} catch {
		// Cut short: nothing more to read.
	}
	return false;
}
