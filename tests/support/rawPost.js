// A POST that reads the server's answer even when the server closes the connection before
// the body is sent, as browsers and curl do: Node's fetch drops such an answer (EPIPE), so the
// tests of refused oversized bodies and the soak's attacker (bench/attacker.js) send with
// this instead. Plain JavaScript, for the attacker runs outside Vite.
import { request } from 'node:http';

/**
 * Sends `body` to `url` and resolves with the status and text of the answer, whether or not
 * the server read the whole body; rejects only when no answer came.
 * @param {string} url
 * @param {Record<string, string>} headers
 * @param {string | Uint8Array} body
 * @returns {Promise<{ status: number; text: string }>}
 */
export function rawPost(url, headers, body) {
	return new Promise((resolve, reject) => {
		let answered = false;
		const sent = request(url, { method: 'POST', headers }, (response) => {
			answered = true;
			let text = '';
			response.setEncoding('utf8');
			response.on('data', (chunk) => (text += chunk));
			response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
			response.on('error', () => resolve({ status: response.statusCode ?? 0, text }));
		});
		sent.on('error', (error) => {
			// After the answer, a reset while still sending is the refusal itself.
			if (!answered) reject(error);
		});
		sent.end(body);
	});
}
