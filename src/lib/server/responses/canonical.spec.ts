import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { boundedDepth, canonicalJson, MAX_DEPTH, TOO_DEEP } from './canonical';

const nest = (depth: number): unknown => {
	let value: unknown = 1;
	for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { x: value };
	return value;
};

describe('sent values are bounded before anything recurses into them', () => {
	it('keeps a value within the depth as the very same value', () => {
		fc.assert(
			fc.property(fc.jsonValue({ maxDepth: 8 }), (value) => {
				expect(boundedDepth(value)).toBe(value);
			})
		);
	});

	it('cuts what lies deeper, so hashing and storing it cannot overflow the stack', () => {
		expect(() => canonicalJson(nest(100_000))).toThrow(RangeError);
		const cut = boundedDepth(nest(100_000));
		expect(canonicalJson(cut)).toContain(JSON.stringify(TOO_DEEP));
		let depth = 0;
		for (let at = cut; at !== null && typeof at === 'object'; depth++)
			at = Object.values(at as object)[0];
		expect(depth).toBe(MAX_DEPTH);
		expect(boundedDepth({ answers: { A1: nest(5) } }, 3)).toEqual({
			answers: { A1: { x: TOO_DEEP } }
		});
	});
});
