import { request } from 'node:https';

/**
 * `fetch` for an HTTPS server whose certificate a private authority signed (Caddy's internal
 * CA): Node's own fetch trusts only the system's authorities, and turning verification off
 * would prove nothing. Enough of `fetch` for the tests' clients: method, headers, a string
 * body, the status, headers (cookies included) and the body of the reply.
 */
export function fetchTrusting(ca: string): typeof fetch {
	return (async (input: string | URL | Request, init: RequestInit = {}) => {
		const url = new URL(input instanceof Request ? input.url : input);
		const headers = new Headers(init.headers);
		const body = init.body === undefined || init.body === null ? undefined : String(init.body);
		if (body !== undefined) headers.set('content-length', String(Buffer.byteLength(body)));
		return new Promise<Response>((resolve, reject) => {
			const sent = request(
				url,
				{ method: init.method ?? 'GET', headers: Object.fromEntries(headers), ca },
				(reply) => {
					const chunks: Buffer[] = [];
					reply.on('data', (chunk: Buffer) => chunks.push(chunk));
					reply.on('error', reject);
					reply.on('end', () => {
						const replyHeaders = new Headers();
						for (let i = 0; i < reply.rawHeaders.length; i += 2)
							replyHeaders.append(reply.rawHeaders[i]!, reply.rawHeaders[i + 1]!);
						const status = reply.statusCode ?? 500;
						const content = [204, 304].includes(status) ? null : Buffer.concat(chunks);
						resolve(new Response(content, { status, headers: replyHeaders }));
					});
				}
			);
			sent.on('error', reject);
			sent.end(body);
		});
	}) as typeof fetch;
}
