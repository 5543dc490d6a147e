import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paperForm } from './support/entry';
import { Client, signedIn } from './support/http';
import { adminClient, enrolledKiosk, newDevice } from './support/kiosk';
import { discoverRequests } from './support/routes';
import { startServer, type RunningServer } from './support/server';
import { callers, matrix, type Caller, type Fixtures } from './support/accessMatrix';

/** The outcome letter of a response (see the matrix's header in support/accessMatrix.ts). */
function outcome(response: Response): string {
	const location = response.headers.get('location') ?? '';
	if (response.status === 401 || (response.status >= 300 && /^\/login\b/.test(location)))
		return 'L';
	if (response.status === 403) return 'D';
	if (response.status < 400) return 'A';
	if ([400, 404, 409, 413, 415, 422].includes(response.status)) return 'I';
	return `?${response.status}`;
}

let server: RunningServer;
const clients = {} as Record<Caller, Client>;
let deviceAuth: Record<string, string> = {};
let fixtures: Fixtures;

/** The demo accounts behind the signed-in callers (the admin's comes from the server). */
const logins: Partial<Record<Caller, [string, string]>> = {
	staffA: ['staff', 'demo-staff-1'],
	staffB: ['staff-b', 'demo-staff-b'],
	managerA: ['manager-x01', 'demo-manager-x01']
};

/** A new session of a signed-in caller. */
async function fresh(caller: Caller): Promise<Client> {
	const login = logins[caller];
	return login ? signedIn(server.url, ...login) : adminClient(server.url);
}

/** One request as a caller: a form post for page actions, JSON for endpoints, a GET otherwise. */
function send(
	caller: Caller,
	client: Client,
	key: string,
	path: string,
	body?: object
): Promise<Response> {
	const [method, route] = key.split(' ') as [string, string];
	const headers: Record<string, string> = caller === 'device' ? deviceAuth : {};
	if (method === 'GET') return client.request(path, { headers });
	const endpoint = route.startsWith('/api/');
	return client.request(path, {
		method,
		headers: {
			...headers,
			'content-type': endpoint ? 'application/json' : 'application/x-www-form-urlencoded',
			accept: endpoint ? 'application/json' : 'text/html'
		},
		body: endpoint
			? JSON.stringify(body ?? {})
			: new URLSearchParams((body ?? {}) as Record<string, string>).toString()
	});
}

beforeAll(async () => {
	server = await startServer();
	const admin = await adminClient(server.url);
	clients.anonymous = new Client(server.url);
	clients.device = new Client(server.url);
	for (const caller of ['staffA', 'staffB', 'managerA'] as const)
		clients[caller] = await fresh(caller);
	clients.admin = admin;

	deviceAuth = (await enrolledKiosk(admin, 'DEMO.X01')).auth;
	// The admin's destructive actions (revoke, disable) fall on things made for them.
	const victim = await newDevice(admin, 'DEMO.X01');
	const user = await admin.form('/admin/users?/create', {
		username: 'matrix-victim',
		displayName: 'Người dùng thử',
		role: 'staff',
		unitCode: 'DEMO.X01',
		password: 'matrix-victim-password'
	});
	expect(user.status).toBe(200);
	const people = await (await admin.request('/admin/users')).text();
	const created = await clients.staffA.form('/batches?/create', {
		unit: 'DEMO.X01',
		instrument: 'sipas-service-2023',
		label: 'Đợt ma trận quyền',
		periodStart: '2026-01-01',
		periodEnd: '2026-12-31',
		expected: '10',
		verifyPercent: '0',
		verifySerials: ''
	});
	const batch = created.headers.get('location')!.split('/').at(-1)!;
	// Form M-1 twice: the second is held in quarantine.
	const first = paperForm(batch, 'M-1', { A1: 5 });
	const voidable = paperForm(batch, 'M-2', { A1: 4 });
	await clients.staffA.json('/api/sync', { responses: [first, voidable] });
	await clients.staffA.json('/api/sync', { responses: [paperForm(batch, 'M-1', { A1: 2 })] });
	const quarantine = await (await clients.staffA.request('/quarantine')).text();
	const published = await admin.json('/api/publications', {
		unit: 'DEMO.X01',
		instrument: 'sipas-service-2023',
		from: '2025-07-01',
		to: '2025-12-31',
		reference: 'QĐ ma trận quyền'
	});
	expect(published.status).toBe(201);
	fixtures = {
		batch,
		held: /\/quarantine\/([0-9a-f-]{36})/.exec(quarantine)![1]!,
		response: first.id,
		voidable: voidable.id,
		device: victim.id,
		user: /href="\/admin\/users\/([0-9a-f-]{36})">matrix-victim</.exec(people)![1]!,
		publication: ((await published.json()) as { id: string }).id
	};
});
afterAll(async () => {
	await server?.stop();
});

describe('access matrix', () => {
	it('has one row for every page, endpoint method and form action in the route tree', () => {
		const listed = matrix.map(([key]) => key).sort();
		expect(listed).toEqual(discoverRequests());
	});

	it('gives each caller exactly the outcome the matrix says, for every row', async () => {
		const observed: string[] = [];
		for (const [key, , path, body] of matrix) {
			const address = path ? path(fixtures) : key.split(' ')[1]!;
			let letters = '';
			for (const caller of callers) {
				// Signing out is tried on a fresh session of the same caller.
				const client =
					key === 'POST /logout' && caller !== 'anonymous' && caller !== 'device'
						? await fresh(caller)
						: clients[caller];
				letters += outcome(await send(caller, client, key, address, body)).padEnd(1);
			}
			observed.push(`${key} ${letters}`);
		}
		if (process.env.MATRIX_PRINT) console.log(observed.join('\n'));
		expect(observed).toEqual(matrix.map(([key, expected]) => `${key} ${expected}`));
	});
});

describe('around the matrix', () => {
	it('refuses every form post and write from another site (CSRF), even with a valid session', async () => {
		const posts = discoverRequests().filter((key) => key.startsWith('POST '));
		const refused: string[] = [];
		for (const key of posts) {
			const route = matrix.find(([k]) => k === key)!;
			const address = route[2] ? route[2](fixtures) : key.split(' ')[1]!;
			const response = await clients.admin.request(address, {
				method: 'POST',
				headers: {
					origin: 'https://evil.example',
					'content-type': 'application/x-www-form-urlencoded'
				},
				body: 'reason=x'
			});
			if (response.status === 403) refused.push(key);
		}
		expect(refused).toEqual(posts);
		// The admin's session still works: nothing above signed them out.
		expect((await clients.admin.request('/admin')).status).toBe(200);
	});

	it('gives a new session at sign-in and ends the one the browser came with (no fixation)', async () => {
		const attacker = await signedIn(server.url, 'staff-b', 'demo-staff-b');
		const planted = attacker.cookie('sipas_session')!;
		const victim = new Client(server.url);
		victim.setCookie('sipas_session', planted);
		expect((await victim.signIn('staff', 'demo-staff-1')).status).toBe(303);
		expect(victim.cookie('sipas_session')).toMatch(/\S{20,}/);
		expect(victim.cookie('sipas_session')).not.toBe(planted);
		expect((await victim.request('/units/DEMO.X01')).status).toBe(200);
		// The planted token is dead: the attacker is signed out, and sees nothing of A.
		expect(outcome(await attacker.request('/units'))).toBe('L');
	});

	it('closes a revoked kiosk token and a signed-out session at once', async () => {
		const kiosk = await enrolledKiosk(clients.admin, 'DEMO.X01');
		const { auth } = kiosk;
		const tablet = new Client(server.url);
		expect((await tablet.request('/api/kiosk', { headers: auth })).status).toBe(200);
		expect((await clients.admin.form(`/admin/devices/${kiosk.id}?/revoke`, {})).status).toBe(200);
		expect((await tablet.request('/api/kiosk', { headers: auth })).status).toBe(401);
		expect((await tablet.json('/api/sync', { responses: [] }, auth)).status).toBe(401);

		const person = await signedIn(server.url, 'staff2', 'demo-staff-2');
		const token = person.cookie('sipas_session')!;
		expect((await person.request('/logout', { method: 'POST' })).status).toBe(303);
		const replay = new Client(server.url);
		replay.setCookie('sipas_session', token);
		expect(outcome(await replay.request('/units'))).toBe('L');
	});

	it('throttles sign-in after 5 wrong passwords for an account, even when the 6th is right', async () => {
		const guesser = new Client(server.url);
		for (let i = 0; i < 5; i++)
			expect((await guesser.signIn('matrix-victim', `wrong-${i}`)).status).toBe(400);
		expect((await guesser.signIn('matrix-victim', 'matrix-victim-password')).status).toBe(429);
		// Other accounts from the same address are not locked out by it.
		expect((await guesser.signIn('manager', 'demo-manager')).status).toBe(303);
	});
});
