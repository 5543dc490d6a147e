import type { Role } from '../people/users.repository';

/**
 * Who may reach a route at all. Every route id in src/routes must have a rule here (a test
 * walks the route tree), and a request to a route without one is refused: new routes are
 * closed until someone decides. Unit scope is checked again inside each route.
 */
export interface Rule {
	/** Anyone, signed in or not. */
	anonymous?: true;
	/** An enrolled kiosk with its bearer token. */
	device?: true;
	/** Signed-in people with one of these roles. */
	roles?: readonly Role[];
	/** A stricter rule for methods that change things (POST, PUT, PATCH, DELETE). */
	write?: Omit<Rule, 'write' | 'body'>;
	/** The largest request body the route reads, in bytes (`DEFAULT_BODY` if not given). */
	body?: number;
}

const KB = 1024;
const MB = 1024 * KB;
/**
 * Sign-in and ordinary forms carry a few kilobytes. A larger body is refused before it is
 * read, and what was sent is drained without being kept (`hooks.server.ts`).
 */
export const DEFAULT_BODY = 64 * KB;
/** Spreadsheets of up to 50 000 responses (~15 MB); adapter-node's BODY_SIZE_LIMIT is this. */
const IMPORT_BODY = 16 * MB;

const PUBLIC: Rule = { anonymous: true };
const ADMIN: Rule = { roles: ['admin'] };
const PEOPLE: Rule = { roles: ['admin', 'manager', 'staff'] };
const PEOPLE_AND_DEVICES: Rule = { ...PEOPLE, device: true };
/** Those who put answers in and correct them: staff for their unit, admins for any. */
const ENTRY: Rule = { roles: ['admin', 'staff'] };
/**
 * Those who decide on held answers: never the staff of the unit (separation of duties), but
 * an admin or a manager above it (the unit scope is checked in the service).
 */
const REVIEW: Rule = { roles: ['admin', 'manager'] };
/** Those who publish results (chốt số liệu): an admin, or a manager for their subtree. */
const PUBLISH: Rule = { roles: ['admin', 'manager'] };

export const routeRules: Record<string, Rule> = {
	'/': PUBLIC,
	'/login': PUBLIC,
	'/logout': PUBLIC,
	'/lang': PUBLIC,
	// The kiosk shell is static; the device proves itself to the APIs with its token.
	'/kiosk': PUBLIC,
	// A citizen's own phone: the unit's public questionnaire (answers go to /api/sync).
	'/r/[code]': PUBLIC,
	// Everyone's own password (and the first stop after a password someone else chose).
	'/account': PEOPLE,
	'/units': PEOPLE,
	// Read by people in scope; staff of the unit (and admins) print dossier rating links there.
	'/units/[code]': { ...PEOPLE, write: ENTRY },
	// Managers read their subtree, staff their unit, admins everything: scope is checked inside.
	// Everyone in scope reads it; its `publish` action is for those who publish.
	'/dashboard': { ...PEOPLE, write: PUBLISH },
	'/dashboard/comments': PEOPLE,
	'/dashboard/comments.csv': PEOPLE,
	'/dashboard/quick': PEOPLE,
	'/dashboard/respondents': PEOPLE,
	'/dashboard/respondents.csv': PEOPLE,
	'/dashboard/report': PEOPLE,
	'/dashboard/export.xlsx': PEOPLE,
	'/dashboard/announcement.docx': PEOPLE,
	'/held': { ...REVIEW, body: MB },
	// One response, for people whose scope holds its unit (checked in the service).
	'/responses/[id]': PEOPLE,
	// Who did what in a manager's units (an admin's: everywhere); scope checked in the query.
	'/audit': REVIEW,
	'/audit/export.csv': REVIEW,
	'/batches': ENTRY,
	'/batches/[id]': ENTRY,
	'/batches/[id]/import': { ...ENTRY, body: IMPORT_BODY },
	'/entry/[batch]': ENTRY,
	'/quarantine': ENTRY,
	'/quarantine/[id]': ENTRY,
	'/quarantine/export.csv': ENTRY,
	'/entry/[batch]/verify': ENTRY,
	'/admin': ADMIN,
	'/admin/status': ADMIN,
	'/admin/units': ADMIN,
	'/admin/units/import': { ...ADMIN, body: 4 * MB },
	'/admin/units/[code]': ADMIN,
	'/admin/users': ADMIN,
	'/admin/users/[id]': ADMIN,
	'/admin/devices': ADMIN,
	'/admin/devices/[id]': ADMIN,
	'/admin/audit': ADMIN,
	'/admin/instruments': { ...ADMIN, body: MB },
	'/api/health': PUBLIC,
	// Prometheus: a token or this machine only, checked inside (404 otherwise).
	'/metrics': PUBLIC,
	'/api/units': PEOPLE_AND_DEVICES,
	'/api/units/[code]': PEOPLE_AND_DEVICES,
	'/api/units/import': { ...ADMIN, body: 4 * MB },
	'/api/devices': ADMIN,
	'/api/devices/enrol': PUBLIC,
	'/api/kiosk': { device: true },
	// Kiosks (token), staff (session) and citizens on the public link (neither) all sync here.
	// A kiosk's batch of 500 answers is ~0.5 MB; its outbox never sends more than 4 MB.
	'/api/sync': { anonymous: true, device: true, body: 4 * MB },
	'/api/instruments': { ...PEOPLE_AND_DEVICES, write: ADMIN, body: MB },
	'/api/instruments/retire': ADMIN,
	'/api/indices': PEOPLE,
	'/api/rankings': PEOPLE,
	'/api/publications': { ...PEOPLE, write: PUBLISH, body: 16 * KB },
	'/api/publications/[id]': PEOPLE,
	// The one-stop-shop system with its service token (checked inside), or staff and admins.
	'/api/dossier-links': { anonymous: true, body: 4 * KB },
	'/api/trend': PEOPLE,
	'/api/responses.csv': PEOPLE,
	'/api/responses/import': { ...ENTRY, body: IMPORT_BODY },
	'/api/responses/[id]/void': ENTRY,
	'/api/responses/[id]/edit': ENTRY,
	'/api/responses/review': { ...REVIEW, body: MB },
	'/api/batches/[id]/verify': { ...ENTRY, body: 256 * KB }
};

export type Decision = 'allow' | 'unauthenticated' | 'forbidden';

/**
 * The rule for a SvelteKit route id. Layout groups (`/(app)/admin`) only choose a layout;
 * they are not part of the address, so rules are keyed without them (`/admin`).
 */
export function ruleFor(routeId: string | null): Rule | undefined {
	return routeId ? routeRules[ruleKey(routeId)] : undefined;
}

/** A route id as the rules key it: without layout groups (`/(app)/admin` → `/admin`). */
export function ruleKey(routeId: string | null): string {
	return (routeId ?? '').replace(/\/\([^/]+\)/g, '') || '/';
}

/** The largest body a request to the route may carry. */
export function bodyLimitFor(routeId: string | null): number {
	return ruleFor(routeId)?.body ?? DEFAULT_BODY;
}

export function decide(
	found: Rule | undefined,
	who: { role?: Role; device?: boolean },
	method = 'GET'
): Decision {
	if (!found) return 'forbidden';
	const rule = found.write && !['GET', 'HEAD', 'OPTIONS'].includes(method) ? found.write : found;
	if (rule.anonymous) return 'allow';
	if (who.device) return rule.device ? 'allow' : 'forbidden';
	if (!who.role) return 'unauthenticated';
	return rule.roles?.includes(who.role) ? 'allow' : 'forbidden';
}
