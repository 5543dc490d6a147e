import { deflateRawSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readFirstSheet, SpreadsheetError, writeWorkbook } from './xlsx';
import { readZip, writeZip, ZipError } from './zip';

describe('spreadsheets', () => {
	it('reads any sheet into rows or refuses it with its own error: never a crash, never a runaway', () => {
		const main = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
		const text = fc.oneof(
			fc.constantFrom('&#x110000;', '&#99999999999;', '&#0;', '&amp;', '&bogus;', '1e999', '-0'),
			fc.string({ maxLength: 12 })
		);
		const cell = fc.record({
			column: fc.oneof(
				fc.constantFrom('A', 'Z', 'XFD', 'XFE', 'ZZZZZZ', ''),
				fc.string({ maxLength: 3 })
			),
			type: fc.constantFrom('s', 'inlineStr', 'e', 'str', 'b', 'n', ''),
			value: text
		});
		const row = fc.record({
			number: fc.oneof(fc.integer({ min: 1, max: 40 }), fc.constantFrom(1_048_577, 99_999_999_999)),
			cells: fc.array(cell, { maxLength: 6 })
		});
		const xml = (
			rows: { number: number; cells: { column: string; type: string; value: string }[] }[]
		) =>
			rows
				.map(
					(r) =>
						`<row r="${r.number}">` +
						r.cells
							.map((c) =>
								c.type === 'inlineStr'
									? `<c r="${c.column}${r.number}" t="inlineStr"><is><t>${c.value}</t></is></c>`
									: `<c r="${c.column}${r.number}" t="${c.type}"><v>${c.value}</v></c>`
							)
							.join('') +
						'</row>'
				)
				.join('');
		fc.assert(
			fc.property(
				fc.array(row, { maxLength: 8 }),
				fc.array(text, { maxLength: 4 }),
				(rows, strings) => {
					const book = writeZip({
						'xl/workbook.xml': `<workbook xmlns="${main}"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`,
						'xl/_rels/workbook.xml.rels':
							'<Relationships><Relationship Id="rId1" Type="worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
						'xl/sharedStrings.xml': `<sst xmlns="${main}">${strings.map((t) => `<si><t>${t}</t></si>`).join('')}</sst>`,
						'xl/worksheets/sheet1.xml': `<worksheet xmlns="${main}"><sheetData>${xml(rows)}</sheetData></worksheet>`
					});
					try {
						const read = readFirstSheet(book);
						expect(read.length).toBeLessThanOrEqual(40 + rows.length);
					} catch (error) {
						expect(error).toBeInstanceOf(SpreadsheetError);
					}
				}
			),
			{ numRuns: 2000 }
		);
	});

	it('reads back what it writes: shared strings, numbers, gaps and marks', () => {
		const rows = [
			['Số phiếu', 'Ngày', 'Câu A1', 'Ý kiến khác'],
			['P-1', 46000, 5, 'Cán bộ "nhiệt tình" & <chu đáo>'],
			['P-2', '', 4, ''],
			['P-1', 46000.5, '', 'Cán bộ "nhiệt tình" & <chu đáo>']
		];
		expect(readFirstSheet(writeWorkbook(rows))).toEqual([
			['Số phiếu', 'Ngày', 'Câu A1', 'Ý kiến khác'],
			['P-1', '46000', '5', 'Cán bộ "nhiệt tình" & <chu đáo>'],
			['P-2', '', '4'],
			['P-1', '46000.5', '', 'Cán bộ "nhiệt tình" & <chu đáo>']
		]);
	});

	it('reads inline and rich text, self-closing and unreferenced cells, skipped rows and an absolute sheet path', () => {
		const main = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
		const book = writeZip({
			'xl/workbook.xml': `<workbook xmlns="${main}" xmlns:r="r"><sheets><sheet name="Phiếu" sheetId="7" r:id="rId9"/></sheets></workbook>`,
			'xl/_rels/workbook.xml.rels':
				'<Relationships><Relationship Id="rId9" Type="worksheet" Target="/xl/worksheets/data.xml"/></Relationships>',
			'xl/sharedStrings.xml': `<sst xmlns="${main}"><si><r><t>Số </t></r><r><rPr><b/></rPr><t>phiếu</t></r><rPh><t>x</t></rPh></si></sst>`,
			'xl/worksheets/data.xml': `<worksheet xmlns="${main}"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="inlineStr"><is><t>A1</t></is></c></row><row r="3"><c r="A3" t="str"><f>"P"&amp;"-9"</f><v>P-9</v></c><c r="B3" s="2"/><c t="b"><v>1</v></c><c r="D3" t="e"><v>#N/A</v></c><c r="E3"><v>&#x35;</v></c></row></sheetData></worksheet>`
		});
		expect(readFirstSheet(book)).toEqual([['Số phiếu', '', 'A1'], [], ['P-9', '', '1', '', '5']]);
	});

	it('refuses files that are not workbooks, and archives that unpack too large', () => {
		expect(() => readFirstSheet(Buffer.from('id,unit\n1,2\n'))).toThrow(SpreadsheetError);
		expect(() => readFirstSheet(writeZip({ 'word/document.xml': '<w/>' }))).toThrow(
			/not an Excel workbook/
		);
		const bomb = writeZip({ 'xl/big.xml': Buffer.alloc(2_000_000) });
		expect(() => readZip(bomb, 1_000_000)).toThrow(ZipError);
		expect(readZip(bomb, 3_000_000).get('xl/big.xml')!.length).toBe(2_000_000);
		expect(deflateRawSync(Buffer.alloc(2_000_000)).length).toBeLessThan(bomb.length);
	});
});
