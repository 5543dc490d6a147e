import { strToU8, zipSync } from 'fflate';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readWorkbook, SpreadsheetError, WORKBOOK_BUDGET, writeWorkbook } from './xlsx';

const main = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const pkg = 'http://schemas.openxmlformats.org/package/2006/relationships';

/** An archive of XML parts, as any writer lays one out. */
const archive = (parts: Record<string, string | Uint8Array>) =>
	zipSync(
		Object.fromEntries(
			Object.entries(parts).map(([name, part]) => [
				name,
				typeof part === 'string' ? strToU8(part) : part
			])
		)
	);

/** A workbook whose first sheet is `sheet` (the default namespace, Excel's relationship id). */
const book = (sheet: string, strings = '<sst/>') =>
	archive({
		'xl/workbook.xml': `<workbook xmlns="${main}" xmlns:r="${rel}"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`,
		'xl/_rels/workbook.xml.rels': `<Relationships xmlns="${pkg}"><Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
		'xl/sharedStrings.xml': strings,
		'xl/worksheets/sheet1.xml': `<worksheet xmlns="${main}"><sheetData>${sheet}</sheetData></worksheet>`
	});

/** Rows or a SpreadsheetError: anything else fails the property. */
async function rowsOrRefusal(data: Uint8Array, budget = WORKBOOK_BUDGET) {
	try {
		return await readWorkbook(data, budget);
	} catch (error) {
		expect(error).toBeInstanceOf(SpreadsheetError);
		return (error as SpreadsheetError).key;
	}
}

describe('reading workbooks as their writers lay them out', () => {
	it('reads what it writes: shared strings, numbers, gaps and marks', async () => {
		const rows = [
			['Số phiếu', 'Ngày', 'Câu A1', 'Ý kiến khác'],
			['P-1', 46000, 5, 'Cán bộ "nhiệt tình" & <chu đáo>'],
			['P-2', '', 4, ''],
			['P-1', 46000.5, '', 'Cán bộ "nhiệt tình" & <chu đáo>']
		];
		expect(await readWorkbook(writeWorkbook(rows))).toEqual([
			['Số phiếu', 'Ngày', 'Câu A1', 'Ý kiến khác'],
			['P-1', '46000', '5', 'Cán bộ "nhiệt tình" & <chu đáo>'],
			['P-2', '', '4'],
			['P-1', '46000.5', '', 'Cán bộ "nhiệt tình" & <chu đáo>']
		]);
		expect(writeWorkbook(rows)).toEqual(writeWorkbook(rows));
	});

	it('reads Excel: rich and phonetic text, styles, formulas with their values, errors, booleans', async () => {
		const strings = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="${main}" count="3" uniqueCount="3"><si><t>Số phiếu</t></si><si><r><t>Rất </t></r><r><rPr><b/><sz val="11"/></rPr><t>hài lòng</t></r><rPh sb="0" eb="1"><t>x</t></rPh><phoneticPr fontId="1"/></si><si><t xml:space="preserve"> có dấu cách </t></si></sst>`;
		const sheet = `<row r="1" spans="1:4" x14ac:dyDescent="0.25" xmlns:x14ac="urn:x14ac"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row><row r="3" spans="1:4"><c r="A3" s="2"><v>46091</v></c><c r="B3" t="str"><f>"P"&amp;"-9"</f><v>P-9</v></c><c r="C3" t="e"><v>#N/A</v></c><c r="D3" t="b"><v>1</v></c></row>`;
		expect(await readWorkbook(book(sheet, strings))).toEqual([
			['Số phiếu', 'Rất hài lòng', ' có dấu cách '],
			[],
			['46091', 'P-9', '', '1']
		]);
	});

	it('reads LibreOffice: explicit number types, row attributes, the sheet behind another relationship', async () => {
		const data = archive({
			'xl/workbook.xml': `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${main}" xmlns:r="${rel}"><fileVersion appName="Calc"/><sheets><sheet name="Phiếu" sheetId="1" state="visible" r:id="rId2"/></sheets></workbook>`,
			'xl/_rels/workbook.xml.rels': `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${pkg}"><Relationship Id="rId1" Type="${rel}/styles" Target="styles.xml"/><Relationship Id="rId2" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
			'xl/sharedStrings.xml': `<sst xmlns="${main}" count="1" uniqueCount="1"><si><t xml:space="preserve">Câu A1</t></si></sst>`,
			'xl/worksheets/sheet1.xml': `<worksheet xmlns="${main}"><sheetData><row r="1" customFormat="false" ht="12.8" hidden="false" customHeight="false" outlineLevel="0" collapsed="false"><c r="A1" s="0" t="s"><v>0</v></c><c r="B1" s="1" t="n"><v>46091.375</v></c></row><row r="2" customFormat="false" ht="12.8"><c r="A2" s="0" t="n"><v>5</v></c></row></sheetData></worksheet>`
		});
		expect(await readWorkbook(data)).toEqual([['Câu A1', '46091.375'], ['5']]);
	});

	it('reads the OpenXML SDK: prefixed names, inline strings, ISO date cells, rows without references', async () => {
		const data = archive({
			'xl/workbook.xml': `<x:workbook xmlns:x="${main}" xmlns:r="${rel}"><x:sheets><x:sheet name="Sheet1" sheetId="1" r:id="R5f2c"/></x:sheets></x:workbook>`,
			'xl/_rels/workbook.xml.rels': `<Relationships xmlns="${pkg}"><Relationship Type="${rel}/worksheet" Target="/xl/worksheets/sheet.xml" Id="R5f2c"/></Relationships>`,
			'xl/worksheets/sheet.xml': `<x:worksheet xmlns:x="${main}"><x:sheetData><x:row><x:c r="A1" t="inlineStr"><x:is><x:t>Mã &amp; số</x:t></x:is></x:c><x:c r="B1" t="d"><x:v>2026-03-10T09:15:00</x:v></x:c></x:row><x:row><x:c t="inlineStr"><x:is><x:r><x:t>P-</x:t></x:r><x:r><x:t>1</x:t></x:r></x:is></x:c><x:c t="d"><x:v>2026-03-10</x:v></x:c><x:c><x:v>4</x:v></x:c></x:row></x:sheetData></x:worksheet>`
		});
		expect(await readWorkbook(data)).toEqual([
			['Mã & số', '46091.38541666667'],
			['P-1', '46091', '4']
		]);
	});
});

describe('refusing workbooks that would hold the server', () => {
	it('refuses the unclosed shared strings that held the server for seconds, at once', async () => {
		// The finding: a 1 029-byte file, `<sst>` and 60 000 `<si>` never closed.
		const hostile = book(
			'<row r="1"><c r="A1" t="s"><v>0</v></c></row>',
			`<sst>${'<si>'.repeat(60_000)}`
		);
		expect(hostile.length).toBeLessThan(2_000);
		expect(await rowsOrRefusal(hostile)).toBe('issue.workbook.damaged');
	});

	it('stops at the budget: unpacked size, cells and time', async () => {
		const rows = Array.from({ length: 200 }, (_, r) => [`P-${r}`, r, r % 5]);
		const data = writeWorkbook(rows);
		expect(await rowsOrRefusal(data, { ...WORKBOOK_BUDGET, cells: 599 })).toBe(
			'issue.workbook.tooManyCells'
		);
		expect(await rowsOrRefusal(data, { ...WORKBOOK_BUDGET, cells: 600 })).toHaveLength(200);
		expect(await rowsOrRefusal(data, { ...WORKBOOK_BUDGET, partBytes: 4_000 })).toBe(
			'issue.workbook.tooLarge'
		);
		expect(await rowsOrRefusal(data, { ...WORKBOOK_BUDGET, ms: -1 })).toBe(
			'issue.workbook.tooSlow'
		);
		// A reference far down the sheet spends the skipped rows too.
		expect(
			await rowsOrRefusal(book('<row r="1000000"/>'), { ...WORKBOOK_BUDGET, cells: 1_000 })
		).toBe('issue.workbook.tooManyCells');
		expect(await rowsOrRefusal(book('<row r="1048577"/>'))).toBe('issue.workbook.pastExcel');
		expect(await rowsOrRefusal(book('<row><c r="XFE1"><v>1</v></c></row>'))).toBe(
			'issue.workbook.pastExcel'
		);
	});

	it('refuses files that are not workbooks', async () => {
		expect(await rowsOrRefusal(strToU8('id,unit\n1,2\n'))).toBe('issue.workbook.notWorkbook');
		expect(await rowsOrRefusal(archive({ 'word/document.xml': '<w/>' }))).toBe(
			'issue.workbook.notWorkbook'
		);
	});

	it('reads any sheet into rows or refuses it with its own error: cells, references, entities', async () => {
		const text = fc.oneof(
			fc.constantFrom('&#x110000;', '&#99999999999;', '&#0;', '&amp;', '&bogus;', '1e999', '-0'),
			fc.string({ maxLength: 12 })
		);
		const cell = fc.record({
			column: fc.oneof(
				fc.constantFrom('A', 'Z', 'XFD', 'XFE', 'ZZZZZZ', ''),
				fc.string({ maxLength: 3 })
			),
			type: fc.constantFrom('s', 'inlineStr', 'e', 'str', 'b', 'n', 'd', ''),
			value: text
		});
		const row = fc.record({
			number: fc.oneof(fc.integer({ min: 1, max: 40 }), fc.constantFrom(1_048_577, 99_999_999_999)),
			cells: fc.array(cell, { maxLength: 6 })
		});
		await fc.assert(
			fc.asyncProperty(
				fc.array(row, { maxLength: 8 }),
				fc.array(text, { maxLength: 4 }),
				async (rows, strings) => {
					const sheet = rows
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
					const read = await rowsOrRefusal(
						book(
							sheet,
							`<sst xmlns="${main}">${strings.map((t) => `<si><t>${t}</t></si>`).join('')}</sst>`
						)
					);
					if (Array.isArray(read)) expect(read.length).toBeLessThanOrEqual(40 + rows.length);
				}
			),
			{ numRuns: 1000 }
		);
	});

	it('reads any damaged structure into rows or refuses it: tag soup, cut and flipped archives', async () => {
		const token = fc.constantFrom(
			'<row>',
			'</row>',
			'<row r="2">',
			'<c r="B1">',
			'<c>',
			'</c>',
			'<v>',
			'</v>',
			'1',
			'x',
			'<x:c>',
			'</x:c>',
			'<is>',
			'</is>',
			'<t>',
			'</t>',
			'<rPh>',
			'&amp;',
			'&bogus;',
			'<![CDATA[9]]>',
			'<!--n-->',
			'<?pi x?>',
			'<',
			'>',
			'"',
			'<c r="A1" t="s">',
			'<si>',
			'</si>',
			'<sheetData>',
			'</worksheet>'
		);
		const soup = fc.array(token, { maxLength: 40 }).map((tokens) => tokens.join(''));
		await fc.assert(
			fc.asyncProperty(soup, soup, async (sheet, strings) => {
				const read = await rowsOrRefusal(book(sheet, `<sst>${strings}</sst>`));
				expect(typeof read === 'string' || Array.isArray(read)).toBe(true);
			}),
			{ numRuns: 500 }
		);
		const valid = writeWorkbook([
			['Số phiếu', 'Câu A1'],
			['P-1', 5]
		]);
		const damage = fc.record({
			cut: fc.integer({ min: 0, max: valid.length }),
			flips: fc.array(fc.tuple(fc.nat(valid.length - 1), fc.integer({ min: 1, max: 255 })), {
				maxLength: 6
			})
		});
		await fc.assert(
			fc.asyncProperty(damage, async ({ cut, flips }) => {
				const bytes = Uint8Array.from(valid);
				for (const [at, mask] of flips) bytes[at]! ^= mask;
				const read = await rowsOrRefusal(bytes.subarray(0, cut || bytes.length));
				expect(typeof read === 'string' || Array.isArray(read)).toBe(true);
			}),
			{ numRuns: 1000 }
		);
	});
});
