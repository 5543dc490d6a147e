import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { boundedDepth, canonicalJson, MAX_DEPTH, TOO_DEEP } from './canonical';

const nest = (depth: number): unknown => {
	let value: unknown = 1;
	for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { x: value };
	return value;
};

/** The first form, with which every stored content hash was made. */
const asFirstShipped = (value: unknown) =>
	JSON.stringify(value, (_key, v: unknown) =>
		v && typeof v === 'object' && !Array.isArray(v)
			? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
			: v
	);

describe('canonical JSON', () => {
	it('writes the same text as the form the stored hashes were made with', () => {
		const key = fc.oneof(
			fc.string(),
			fc.nat().map(String),
			fc.constantFrom('01', '-1', '4294967295')
		);
		const leaf = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constant(undefined), fc.double());
		const value = fc.letrec((tie) => ({
			node: fc.oneof({ depthSize: 'small' }, leaf, tie('list'), tie('record')),
			list: fc.array(tie('node'), { maxLength: 4 }),
			record: fc.dictionary(key, tie('node'), { maxKeys: 5 })
		})).node;
		fc.assert(
			fc.property(value, (v) => {
				expect(canonicalJson(v)).toBe(asFirstShipped(v));
			}),
			{ numRuns: 500 }
		);
		const dated = {
			b: new Date(0),
			a: [undefined, () => 1],
			c: { toJSON: () => ({ z: 1, y: 2 }) }
		};
		expect(canonicalJson(dated)).toBe(asFirstShipped(dated));
	});
});

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
