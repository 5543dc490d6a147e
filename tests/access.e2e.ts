import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paperForm } from './support/entry';
import { Client, signedIn } from './support/http';
import { adminClient, enrolledKiosk, newDevice } from './support/kiosk';
import { discoverRequests } from './support/routes';
import { startServer, type RunningServer } from './support/server';

/**
 * The access matrix: every page, endpoint method and form action found in the route tree ×
 * every kind of caller → what must happen. A route added without a row here fails the first
 * test, so nothing new is reachable before someone decides who may reach it.
 *
 * Callers: anonymous, a kiosk of unit A (bearer token), staff of A, staff of B, the manager
 * of A's subtree, an admin. A is the ward DEMO.X01; B is DEMO.X02. Addresses name A's things.
 *
 * Outcomes, one letter per caller in that order:
 *   A  allowed: 2xx, or a redirect that is not to the sign-in page
 *   I  allowed in, input refused: 400, 404, 409, 413, 415 or 422 (the handler ran and said why)
 *   L  must sign in: 401, or a redirect to /login
 *   D  denied: 403
 * Writes carry an empty body: an allowed caller reaches the handler's own checks ("I") and
 * changes nothing; a denied one is stopped before them. Where a handler reads its body before
 * the unit scope (corrections), the row sends a valid body so that the scope is what decides.
 * A kiosk token counts only on the routes open to kiosks; elsewhere its caller is anonymous.
 */

type Caller = 'anonymous' | 'device' | 'staffA' | 'staffB' | 'managerA' | 'admin';
const callers: Caller[] = ['anonymous', 'device', 'staffA', 'staffB', 'managerA', 'admin'];

interface Fixtures {
	batch: string;
	held: string;
	response: string;
	voidable: string;
	device: string;
	user: string;
	publication: string;
}

/** The request key (as discovered), its address with A's things filled in, and the outcomes. */
type Row = [key: string, expected: string, path?: (f: Fixtures) => string, body?: object];

const q = 'unit=DEMO.X01&instrument=sipas-service-2023&from=2026-01-01&to=2026-12-31';
const matrix: Row[] = [
	// Public: the sign-in page, the kiosk shell, a citizen's questionnaire, health.
	['GET /', 'AAAAAA'],
	['GET /login', 'AAAAAA'],
	// Signed-in callers are sent on (303) once the empty form is refused.
	['POST /login', 'IIAAAA'],
	['POST /logout', 'AAAAAA'],
	['POST /lang', 'AAAAAA'],
	['GET /kiosk', 'AAAAAA'],
	['GET /r/[code]', 'AAAAAA', () => '/r/DEMO.X01'],
	['GET /api/health', 'AAAAAA'],
	// Prometheus, from this machine (no token set here; tests/operations.e2e.ts has one).
	['GET /metrics', 'AAAAAA'],
	['POST /api/devices/enrol', 'IIIIII'],
	['POST /api/sync', 'IIIIII'],
	// Everyone's own password; the empty change is refused beside its fields.
	['GET /account', 'LLAAAA'],
	['POST /account', 'LLIIII'],
	// Read by people, each within their scope.
	['GET /units', 'LLAAAA'],
	['GET /units/[code]', 'LLADAA', () => '/units/DEMO.X01'],
	['GET /dashboard', 'LLADAA', () => '/dashboard?unit=DEMO.X01'],
	['GET /dashboard/comments', 'LLADAA', () => '/dashboard/comments?unit=DEMO.X01'],
	['GET /dashboard/comments.csv', 'LLADAA', () => '/dashboard/comments.csv?unit=DEMO.X01'],
	['GET /dashboard/quick', 'LLADAA', () => '/dashboard/quick?unit=DEMO.X01'],
	['GET /dashboard/respondents', 'LLADAA', () => '/dashboard/respondents?unit=DEMO.X01'],
	['GET /dashboard/respondents.csv', 'LLADAA', () => '/dashboard/respondents.csv?unit=DEMO.X01'],
	['GET /dashboard/report', 'LLADAA', () => '/dashboard/report?unit=DEMO.X01'],
	['GET /dashboard/export.xlsx', 'LLADAA', () => '/dashboard/export.xlsx?unit=DEMO.X01'],
	[
		'GET /dashboard/announcement.docx',
		'LLADAA',
		() => '/dashboard/announcement.docx?unit=DEMO.X01'
	],
	['GET /api/indices', 'LLADAA', () => `/api/indices?${q}`],
	['GET /api/rankings', 'LLADAA', () => `/api/rankings?parent=DEMO.X01&kind=commune&${q}`],
	['GET /api/trend', 'LLADAA', () => `/api/trend?${q}`],
	['GET /api/responses.csv', 'LLADAA', () => `/api/responses.csv?${q}`],
	// Published results: read in scope; published by managers (their subtree) and admins.
	['POST /dashboard?/publish', 'LLDDII'],
	['GET /api/publications', 'LLADAA', () => '/api/publications?unit=DEMO.X01'],
	['POST /api/publications', 'LLDDII'],
	['GET /api/publications/[id]', 'LLADAA', (f) => `/api/publications/${f.publication}`],
	// Dossier rating links: the unit's staff and admins (the service token is tested apart).
	[
		'POST /units/[code]?/dossierLink',
		'LLADDA',
		() => '/units/DEMO.X01?/dossierLink',
		{ unit: 'DEMO.X01', dossier: 'HS-MATRIX' }
	],
	['POST /api/dossier-links', 'LLADDA', undefined, { unit: 'DEMO.X01', dossier: 'HS-MATRIX' }],
	// People and kiosks: the units and questionnaires they work with.
	['GET /api/units', 'LAAAAA'],
	['GET /api/units/[code]', 'LAADAA', () => '/api/units/DEMO.X01'],
	['GET /api/instruments', 'LAAAAA'],
	['POST /api/instruments', 'LDDDDI'],
	['GET /api/kiosk', 'LADDDD'],
	// Entry: staff of the unit and admins; managers read but do not key in.
	// Held answers: decided above the unit (managers, admins), never by the unit's staff.
	['GET /held', 'LLDDAA'],
	// Who entered what: a response for its unit's people; the audit of a manager's units.
	['GET /responses/[id]', 'LLADAA', (f) => `/responses/${f.response}`],
	['GET /audit', 'LLDDAA'],
	['GET /audit/export.csv', 'LLDDAA'],
	['POST /held?/accept', 'LLDDII'],
	['POST /held?/reject', 'LLDDII'],
	['GET /batches', 'LLAADA'],
	['POST /batches?/create', 'LLIIDI'],
	['GET /batches/[id]', 'LLADDA', (f) => `/batches/${f.batch}`],
	['POST /batches/[id]?/decide', 'LLIDDI', (f) => `/batches/${f.batch}?/decide`],
	['POST /batches/[id]?/void', 'LLIDDI', (f) => `/batches/${f.batch}?/void`],
	['GET /batches/[id]/import', 'LLADDA', (f) => `/batches/${f.batch}/import`],
	['POST /batches/[id]/import', 'LLIDDI', (f) => `/batches/${f.batch}/import`],
	['GET /entry/[batch]', 'LLADDA', (f) => `/entry/${f.batch}`],
	['POST /entry/[batch]?/edit', 'LLIDDI', (f) => `/entry/${f.batch}?/edit`],
	['GET /entry/[batch]/verify', 'LLADDA', (f) => `/entry/${f.batch}/verify`],
	['POST /entry/[batch]/verify', 'LLIDDI', (f) => `/entry/${f.batch}/verify`],
	['GET /quarantine', 'LLAADA'],
	['GET /quarantine/[id]', 'LLADDA', (f) => `/quarantine/${f.held}`],
	['POST /quarantine/[id]?/resubmit', 'LLIDDI', (f) => `/quarantine/${f.held}?/resubmit`],
	['POST /quarantine/[id]?/void', 'LLIDDI', (f) => `/quarantine/${f.held}?/void`],
	['GET /quarantine/export.csv', 'LLAADA'],
	['POST /api/responses/import', 'LLIIDI'],
	[
		'POST /api/responses/[id]/void',
		'LLADDI',
		(f) => `/api/responses/${f.voidable}/void`,
		{ reason: 'Phiếu nhập nhầm' }
	],
	[
		'POST /api/responses/[id]/edit',
		'LLIDDI',
		(f) => `/api/responses/${f.response}/edit`,
		{ reason: 'Sửa theo phiếu giấy', answers: { A1: 9 } }
	],
	['POST /api/responses/review', 'LLDDII'],
	['POST /api/batches/[id]/verify', 'LLIDDI', (f) => `/api/batches/${f.batch}/verify`],
	// Administration: admins only.
	['GET /admin', 'LLDDDA'],
	['GET /admin/status', 'LLDDDA'],
	['GET /admin/audit', 'LLDDDA'],
	['GET /admin/units', 'LLDDDA'],
	['POST /admin/units?/create', 'LLDDDI'],
	['GET /admin/units/import', 'LLDDDA'],
	['POST /admin/units/import', 'LLDDDI'],
	['GET /admin/units/[code]', 'LLDDDA', () => '/admin/units/DEMO.X01'],
	['POST /admin/units/[code]?/save', 'LLDDDI', () => '/admin/units/DEMO.X01?/save'],
	// Retiring with no date retires today: aimed at a unit no other row uses.
	['POST /admin/units/[code]?/retire', 'LLDDDA', () => '/admin/units/DEMO.X40?/retire'],
	['POST /admin/units/[code]?/dossiers', 'LLDDDI', () => '/admin/units/DEMO.X01?/dossiers'],
	['GET /admin/users', 'LLDDDA'],
	['POST /admin/users?/create', 'LLDDDI'],
	['GET /admin/users/[id]', 'LLDDDA', (f) => `/admin/users/${f.user}`],
	['POST /admin/users/[id]?/save', 'LLDDDI', (f) => `/admin/users/${f.user}?/save`],
	['POST /admin/users/[id]?/password', 'LLDDDI', (f) => `/admin/users/${f.user}?/password`],
	['POST /admin/users/[id]?/disable', 'LLDDDA', (f) => `/admin/users/${f.user}?/disable`],
	['POST /admin/users/[id]?/enable', 'LLDDDA', (f) => `/admin/users/${f.user}?/enable`],
	['GET /admin/devices', 'LLDDDA'],
	['POST /admin/devices?/create', 'LLDDDI'],
	['GET /admin/devices/[id]', 'LLDDDA', (f) => `/admin/devices/${f.device}`],
	['POST /admin/devices/[id]?/save', 'LLDDDI', (f) => `/admin/devices/${f.device}?/save`],
	['POST /admin/devices/[id]?/settings', 'LLDDDI', (f) => `/admin/devices/${f.device}?/settings`],
	['POST /admin/devices/[id]?/code', 'LLDDDA', (f) => `/admin/devices/${f.device}?/code`],
	['POST /admin/devices/[id]?/retire', 'LLDDDA', (f) => `/admin/devices/${f.device}?/retire`],
	['POST /admin/devices/[id]?/revoke', 'LLDDDA', (f) => `/admin/devices/${f.device}?/revoke`],
	['GET /admin/instruments', 'LLDDDA'],
	['POST /admin/instruments?/upload', 'LLDDDI'],
	['POST /admin/instruments?/retire', 'LLDDDI'],
	['POST /api/instruments/retire', 'LLDDDI'],
	['POST /api/devices', 'LLDDDI'],
	['POST /api/units/import', 'LLDDDI']
];

/** The outcome letter of a response (see the header). */
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
