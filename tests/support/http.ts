/** A tiny cookie-keeping client for the HTTP-level end-to-end tests. */
export class Client {
	#cookies = new Map<string, string>();
	/** `origin`: the address people type, when it is not `base` (a server behind HTTPS). */
	constructor(
		readonly base: string,
		readonly origin = base,
		/** Another `fetch` (one that trusts a private authority: `support/tls.ts`). */
		private readonly fetcher: typeof fetch = fetch
	) {}

	async request(path: string, init: RequestInit = {}): Promise<Response> {
		const headers = new Headers(init.headers);
		if (this.#cookies.size) {
			headers.set('cookie', [...this.#cookies].map(([k, v]) => `${k}=${v}`).join('; '));
		}
		// Same-origin unless the caller plays another site.
		if (!headers.has('origin')) headers.set('origin', this.origin);
		const response = await this.fetcher(this.base + path, { ...init, headers, redirect: 'manual' });
		for (const cookie of response.headers.getSetCookie()) {
			const [pair] = cookie.split(';');
			const [name, value] = pair!.split('=');
			if (/max-age=0|expires=thu, 01 jan 1970/i.test(cookie)) this.#cookies.delete(name!);
			else this.#cookies.set(name!, value ?? '');
		}
		return response;
	}

	/** Posts a form the way a browser without JavaScript does. */
	form(path: string, fields: Record<string, string>): Promise<Response> {
		return this.request(path, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
			body: new URLSearchParams(fields).toString()
		});
	}

	/** A cookie this client holds (a session token, for tests of session handling). */
	cookie(name: string): string | undefined {
		return this.#cookies.get(name);
	}

	/** Plants a cookie, as another site or a shared computer might. */
	setCookie(name: string, value: string): void {
		this.#cookies.set(name, value);
	}

	async signIn(username: string, password: string): Promise<Response> {
		return this.form('/login', { username, password });
	}

	json(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
		return this.request(path, {
			method: 'POST',
			headers: { 'content-type': 'application/json', ...headers },
			body: JSON.stringify(body)
		});
	}
}

/** A client signed in as `username`, its sign-in checked (303 to the app). */
export async function signedIn(url: string, username: string, password: string): Promise<Client> {
	const client = new Client(url);
	const reply = await client.signIn(username, password);
	if (reply.status !== 303) throw new Error(`${username} could not sign in: ${reply.status}`);
	return client;
}
