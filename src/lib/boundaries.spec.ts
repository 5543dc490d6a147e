import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const lib = import.meta.dirname;

/** Source files below `dir` (none when it does not exist yet, e.g. lib/client before the kiosk). */
function files(dir: string): string[] {
	if (!existsSync(dir)) return [];
	return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
		e.isDirectory()
			? files(join(dir, e.name))
			: /\.(ts|svelte)$/.test(e.name)
				? [join(dir, e.name)]
				: []
	);
}

const importsOf = (file: string) =>
	[...readFileSync(file, 'utf8').matchAll(/^\s*import\s[^'"]*['"]([^'"]+)['"]/gm)].map(
		(m) => m[1]!
	);

describe('module boundaries', () => {
	it('the index engine imports nothing: the formulas stand alone', () => {
		expect(importsOf(join(lib, 'survey/indices.ts'))).toEqual([]);
	});

	it('lib/survey runs anywhere: no server, client, Node or SvelteKit imports', () => {
		const offenders = files(join(lib, 'survey'))
			.filter((f) => !f.endsWith('.spec.ts'))
			.flatMap((f) =>
				importsOf(f)
					.filter((spec) =>
						/^(\$lib\/(server|client)|node:|\$app\/|\$env\/|@sveltejs\/)/.test(spec)
					)
					.map((spec) => `${relative(lib, f)} → ${spec}`)
			);
		expect(offenders).toEqual([]);
	});

	it('browser code never imports server code', () => {
		const browser = [...files(join(lib, 'client')), ...files(join(lib, 'components'))];
		const offenders = browser.flatMap((f) =>
			importsOf(f)
				.filter((spec) => spec.startsWith('$lib/server'))
				.map((spec) => `${relative(lib, f)} → ${spec}`)
		);
		expect(offenders).toEqual([]);
	});
});
