/**
 * The access matrix of `tests/access.e2e.ts`, as data: its rows grow with every route, its
 * checks stay where they are.
 */
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

export type Caller = 'anonymous' | 'device' | 'staffA' | 'staffB' | 'managerA' | 'admin';
export const callers: Caller[] = ['anonymous', 'device', 'staffA', 'staffB', 'managerA', 'admin'];

export interface Fixtures {
	batch: string;
	held: string;
	response: string;
	voidable: string;
	device: string;
	user: string;
	publication: string;
}

/** The request key (as discovered), its address with A's things filled in, and the outcomes. */
export type Row = [key: string, expected: string, path?: (f: Fixtures) => string, body?: object];

const q = 'unit=DEMO.X01&instrument=sipas-service-2023&from=2026-01-01&to=2026-12-31';
export const matrix: Row[] = [
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
