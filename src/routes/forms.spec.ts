import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Every `<form …>` opening tag of the components under `dir`, with its file. */
function forms(dir: string): { file: string; tag: string }[] {
	return readdirSync(dir, { recursive: true, encoding: 'utf8' })
		.filter((name) => name.endsWith('.svelte'))
		.flatMap((name) => {
			const source = readFileSync(join(dir, name), 'utf8');
			return [...source.matchAll(/<form\b[^>]*>/g)].map(([tag]) => ({ file: name, tag }));
		});
}

describe('POST forms', () => {
	const posts = forms('src').filter(({ tag }) => /method="post"/i.test(tag));

	it('all go through $lib/client/forms: pending state and a guard against a second press', () => {
		expect(posts.length).toBeGreaterThan(25);
		const plain = posts.filter(({ tag }) => !/use:(submitting|submitOnce)\b/.test(tag));
		expect(plain).toEqual([]);
	});

	it('use the guard alone only for the two endpoints that want a full page load', () => {
		const once = posts.filter(({ tag }) => /use:submitOnce\b/.test(tag));
		expect(once.map(({ tag }) => /action="([^"]+)"/.exec(tag)?.[1]).sort()).toEqual([
			'/lang',
			'/logout'
		]);
	});
});
