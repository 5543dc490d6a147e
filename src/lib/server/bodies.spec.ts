import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { hangUp, LINGER_MS } from './bodies';

/**
 * `hangUp` against Node's own HTTP server and a raw sender that never stops: what the server
 * reads after it has answered. The finding (CI, a loaded machine): a sender faster than the
 * answer had 28 MB of an endless body read by the server, which Node drains itself after the
 * answer when the request's buffer was already full.
 */
describe('hanging up on a body', () => {
	let server: Server | undefined;
	let sender: Socket | undefined;
	afterEach(async () => {
		sender?.destroy();
		server?.closeAllConnections();
		server?.close();
	});

	/** Starts a server that answers 413 and hangs up once `ready(request)` says so. */
	async function serve(ready: (request: IncomingMessage) => boolean) {
		let incoming: IncomingMessage | undefined;
		server = createServer((request, response) => {
			incoming = request;
			const answer = () => {
				if (!ready(request)) return void setTimeout(answer, 5);
				hangUp(request);
				response.writeHead(413, { connection: 'close' }).end('too large');
			};
			answer();
		});
		server.listen(0, '127.0.0.1');
		await once(server, 'listening');
		return { port: (server.address() as AddressInfo).port, read: () => incoming!.socket.bytesRead };
	}

	/** Sends an endless chunked body of zeros until the connection ends; resolves at the answer. */
	function endless(port: number): Promise<string> {
		const socket = connect(port, '127.0.0.1');
		sender = socket;
		const chunk = Buffer.concat([
			Buffer.from('10000\r\n'),
			Buffer.alloc(0x10000),
			Buffer.from('\r\n')
		]);
		socket.write('POST /x HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n');
		const pump = () => {
			while (!socket.destroyed && socket.writable) if (!socket.write(chunk)) return;
		};
		socket.on('drain', pump);
		socket.on('error', () => undefined);
		pump();
		return new Promise((resolve) => socket.once('data', (data) => resolve(String(data))));
	}

	const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));

	it('stops reading once answered, even with the request’s buffer already full', async () => {
		// Answered only when more than the stream's high-water mark (16 KB) waits unread.
		const { port, read } = await serve((request) => request.readableLength > 16 * 1024);
		expect(await endless(port)).toMatch(/^HTTP\/1\.1 413/);
		const atAnswer = read();
		await pause(LINGER_MS / 2);
		// A read or two of what was in flight, not the megabytes the sender kept pushing.
		expect(read() - atAnswer).toBeLessThan(256 * 1024);
		expect(read()).toBeLessThan(1024 * 1024);
	});

	it('stops reading once answered, with nothing buffered yet', async () => {
		const { port, read } = await serve(() => true);
		expect(await endless(port)).toMatch(/^HTTP\/1\.1 413/);
		const atAnswer = read();
		await pause(LINGER_MS / 2);
		expect(read() - atAnswer).toBeLessThan(256 * 1024);
	});
});
