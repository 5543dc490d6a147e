import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Everything a request can reach, read from the route tree: `GET /units/[code]` for a page,
 * `POST /api/sync` for each method an endpoint exports, `POST /batches?/create` for each form
 * action. Layout groups are dropped, as in the address. A new route, method or action shows
 * up here without anyone listing it.
 */
export function discoverRequests(root = 'src/routes'): string[] {
	const found: string[] = [];
	const walk = (dir: string) => {
		const entries = readdirSync(dir, { withFileTypes: true });
		const files = new Set(entries.filter((e) => e.isFile()).map((e) => e.name));
		const id = ('/' + relative(root, dir)).replace(/\/\([^/]+\)/g, '').replace(/\/$/, '') || '/';
		if (files.has('+page.svelte')) found.push(`GET ${id}`);
		if (files.has('+page.server.ts')) {
			for (const action of actionsOf(readFileSync(join(dir, '+page.server.ts'), 'utf8')))
				found.push(action === 'default' ? `POST ${id}` : `POST ${id}?/${action}`);
		}
		if (files.has('+server.ts')) {
			const source = readFileSync(join(dir, '+server.ts'), 'utf8');
			for (const [, method] of source.matchAll(/export const (GET|POST|PUT|PATCH|DELETE)\b/g))
				found.push(`${method} ${id}`);
		}
		for (const entry of entries) if (entry.isDirectory()) walk(join(dir, entry.name));
	};
	walk(root);
	return found.sort();
}

/** The names of the actions in `export const actions = { name: …, … }` (one tab in). */
function actionsOf(source: string): string[] {
	const start = source.indexOf('export const actions');
	if (start < 0) return [];
	const block = source.slice(start, source.indexOf('\n};', start));
	return [...block.matchAll(/^\t(\w+):/gm)].map(([, name]) => name!);
}
