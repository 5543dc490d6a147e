import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bodyLimitFor, decide, DEFAULT_BODY, routeRules } from './routeRules';

const routesDir = join(import.meta.dirname, '../../../routes');

/** Every route id in src/routes, as SvelteKit names them (`/admin/units/[code]`). */
function routeIds(dir = routesDir): string[] {
	const entries = readdirSync(dir, { withFileTypes: true });
	const here = entries.some((e) => e.isFile() && /^\+(page|server)\b/.test(e.name))
		? ['/' + relative(routesDir, dir).split(sep).join('/')]
		: [];
	const below = entries.filter((e) => e.isDirectory()).flatMap((e) => routeIds(join(dir, e.name)));
	// Layout groups are not part of the address (see ruleFor).
	const address = (id: string) => id.replace(/\/\([^/]+\)/g, '').replace(/(.)\/$/, '$1') || '/';
	return [...here.map(address), ...below];
}

describe('route access rules', () => {
	const ids = routeIds();

	it('cover every route in src/routes, so a new route is closed until someone decides', () => {
		expect(ids.length).toBeGreaterThan(10);
		const missing = ids.filter((id) => !(id in routeRules));
		expect(missing).toEqual([]);
	});

	it('name no route that does not exist', () => {
		expect(Object.keys(routeRules).filter((id) => !ids.includes(id))).toEqual([]);
	});

	it('keep every admin page and admin API for admins', () => {
		const adminOnly = Object.entries(routeRules).filter(
			([id]) =>
				id.startsWith('/admin') ||
				(id.startsWith('/api/devices') && id !== '/api/devices/enrol') ||
				id === '/api/units/import' ||
				id === '/api/instruments/retire'
		);
		expect(adminOnly.length).toBeGreaterThan(8);
		for (const [id, { body: _limit, ...rule }] of adminOnly) {
			expect(rule, id).toEqual({ roles: ['admin'] });
		}
		expect(routeRules['/api/instruments']!.write).toEqual({ roles: ['admin'] });
	});

	it('give every route a small body limit, and a large one only where files are sent', () => {
		const limits = Object.keys(routeRules).map((id) => [id, bodyLimitFor(id)] as const);
		expect(limits.filter(([, limit]) => limit > 4 * 1024 * 1024).map(([id]) => id)).toEqual([
			'/batches/[id]/import',
			'/api/responses/import'
		]);
		expect(bodyLimitFor('/(app)/login')).toBe(DEFAULT_BODY);
		expect(bodyLimitFor('/api/sync')).toBe(4 * 1024 * 1024);
		expect(bodyLimitFor(null)).toBe(DEFAULT_BODY);
		expect(DEFAULT_BODY).toBeLessThanOrEqual(64 * 1024);
	});

	it('decide by role, device and sign-in state', () => {
		const people = { roles: ['admin', 'manager'] as const };
		expect(decide(people, {})).toBe('unauthenticated');
		expect(decide(people, { role: 'staff' })).toBe('forbidden');
		expect(decide(people, { role: 'manager' })).toBe('allow');
		expect(decide(people, { device: true })).toBe('forbidden');
		expect(decide({ ...people, device: true }, { device: true })).toBe('allow');
		expect(decide({ anonymous: true }, {})).toBe('allow');
		expect(decide(undefined, { role: 'admin' })).toBe('forbidden');
		const readAllWriteAdmin = {
			roles: ['admin', 'staff'] as const,
			write: { roles: ['admin'] as const }
		};
		expect(decide(readAllWriteAdmin, { role: 'staff' }, 'GET')).toBe('allow');
		expect(decide(readAllWriteAdmin, { role: 'staff' }, 'POST')).toBe('forbidden');
		expect(decide(readAllWriteAdmin, { role: 'admin' }, 'DELETE')).toBe('allow');
	});
});
