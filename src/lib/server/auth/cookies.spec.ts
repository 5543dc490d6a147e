import { describe, expect, it } from 'vitest';
import { safeNext } from './cookies';

describe('safeNext', () => {
	it('keeps same-site paths', () => {
		expect(safeNext('/units/DEMO.X01?retired=1')).toBe('/units/DEMO.X01?retired=1');
		expect(safeNext('/')).toBe('/');
	});

	it('sends everything else home', () => {
		for (const bad of [
			'//evil.example',
			'/\\evil.example',
			'https://evil.example',
			'/a\u0000b',
			'/a\nb',
			'',
			null,
			undefined
		]) {
			expect(safeNext(bad), String(bad)).toBe('/');
		}
	});
});
