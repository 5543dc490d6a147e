import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TextFields } from './packed';

/** What `TextFields` gives `visit`, line by line (copied: the array is reused). */
const read = (text: string, width: number) => {
	const lines: string[][] = [];
	new TextFields(text, width).each(({ field }) => lines.push([...field]));
	return lines;
};

describe('TextFields', () => {
	it('cuts lines into their fields, empty ones included', () => {
		expect(read('U1,,0,3\nU1,A1,5,2\nU2,A1,4,7', 4)).toEqual([
			['U1', '', '0', '3'],
			['U1', 'A1', '5', '2'],
			['U2', 'A1', '4', '7']
		]);
	});

	it('hands the same string again for a field equal to the one before it', () => {
		const seen: string[] = [];
		new TextFields('U1,A1\nU1,A2\nU10,A2', 2).each(({ field }) => seen.push(field[0]!));
		expect(seen).toEqual(['U1', 'U1', 'U10']);
		// A prefix of the text is not taken for the field: U1 then U10.
		expect(read('U1,A1\nU10,A1', 2)).toEqual([
			['U1', 'A1'],
			['U10', 'A1']
		]);
	});

	it('reads the fields after the text ones as integers, negative ones too', () => {
		const lines: [string[], number[]][] = [];
		new TextFields('U1,A1,0,-3,17\nU1,A2,1,0,-250', 5, 2).each(({ field, number }) =>
			lines.push([[...field], [...number]])
		);
		expect(lines).toEqual([
			[
				['U1', 'A1'],
				[0, -3, 17]
			],
			[
				['U1', 'A2'],
				[1, 0, -250]
			]
		]);
	});

	it('reads back any lines of text fields and integers', () => {
		const code = fc.string({ unit: fc.constantFrom('a', 'b', '1', '*', '-'), maxLength: 4 });
		const count = fc.integer({ min: -2_000_000_000, max: 2_000_000_000 });
		fc.assert(
			fc.property(
				fc
					.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 1, max: 9 }))
					.chain(([t, n]) =>
						fc.array(
							fc.tuple(
								fc.array(code, { minLength: t, maxLength: t }),
								fc.array(count, { minLength: n, maxLength: n })
							),
							{ minLength: 1 }
						)
					),
				(rows) => {
					const text = rows.map(([codes, ns]) => [...codes, ...ns].join(',')).join('\n');
					const [codes, ns] = rows[0]!;
					const read: [string[], number[]][] = [];
					new TextFields(text, codes.length + ns.length, codes.length).each(({ field, number }) =>
						read.push([[...field], [...number]])
					);
					expect(read).toEqual(rows);
				}
			)
		);
	});

	it('reads back any lines of comma-free fields, the last one a count', () => {
		const code = fc.string({ unit: fc.constantFrom('a', 'b', '1', '*', '-'), maxLength: 4 });
		const count = fc.integer({ min: -9, max: 99 }).map(String);
		fc.assert(
			fc.property(
				fc.integer({ min: 0, max: 4 }).chain((codes) =>
					fc.array(fc.tuple(fc.array(code, { minLength: codes, maxLength: codes }), count), {
						minLength: 1
					})
				),
				(rows) => {
					const lines = rows.map(([codes, n]) => [...codes, n]);
					const text = lines.map((line) => line.join(',')).join('\n');
					expect(read(text, lines[0]!.length)).toEqual(lines);
				}
			)
		);
	});
});
