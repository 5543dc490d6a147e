import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvCell, detectDelimiter, guardCell, parseCsv, unguardCell } from './csv';

describe('parseCsv', () => {
	it('reads a header and rows with spreadsheet line numbers', () => {
		const table = parseCsv('code,name\nA,Một\nB,Hai\n');
		expect(table.header).toEqual(['code', 'name']);
		expect(table.rows).toEqual([
			{ line: 2, cells: ['A', 'Một'] },
			{ line: 3, cells: ['B', 'Hai'] }
		]);
	});

	it('handles a BOM, CRLF, quotes, doubled quotes and line breaks inside quotes', () => {
		const table = parseCsv(
			'\uFEFFcode,name\r\n"X1","Sở ""Nội"" vụ, tỉnh"\r\n"X2","dòng 1\ndòng 2"\r\nX3,cuối'
		);
		expect(table.header).toEqual(['code', 'name']);
		expect(table.rows.map((r) => r.cells)).toEqual([
			['X1', 'Sở "Nội" vụ, tỉnh'],
			['X2', 'dòng 1\ndòng 2'],
			['X3', 'cuối']
		]);
		expect(table.rows.map((r) => r.line)).toEqual([2, 3, 5]);
	});

	it('skips blank lines but keeps counting them', () => {
		const table = parseCsv('a\n\nx\n\n\ny\n');
		expect(table.rows).toEqual([
			{ line: 3, cells: ['x'] },
			{ line: 6, cells: ['y'] }
		]);
	});

	it('detects the semicolon a Vietnamese Excel writes', () => {
		expect(detectDelimiter('code;name;kind')).toBe(';');
		expect(parseCsv('code;name\nA;Sở Y tế, tỉnh').rows[0]!.cells).toEqual(['A', 'Sở Y tế, tỉnh']);
	});

	it('returns an empty table for empty text', () => {
		expect(parseCsv('')).toEqual({ header: [], rows: [] });
	});

	it('round-trips cells written with csvCell', () => {
		const cells = ['plain', 'with,comma', 'with "quote"', 'two\nlines', ''];
		const line = cells.map(csvCell).join(',');
		expect(parseCsv(`h1,h2,h3,h4,h5\n${line}`).rows[0]!.cells).toEqual(cells);
	});

	it('guards text a spreadsheet would run, and reads back exactly what was guarded', () => {
		expect(
			['=1+1', '+84', '-x', '@SUM(A1)', '\t=1', '\r=1', "'=1", 'an toàn', ''].map(guardCell)
		).toEqual(["'=1+1", "'+84", "'-x", "'@SUM(A1)", "'\t=1", "'\r=1", "''=1", 'an toàn', '']);
		expect(csvCell(-5)).toBe('-5');
		const risky = fc.string({
			unit: fc.constantFrom('=', '+', '-', '@', '\t', '\r', "'", 'a', ',', '"', '\n')
		});
		fc.assert(
			fc.property(fc.oneof(fc.string(), risky), (text) => {
				expect(unguardCell(guardCell(text))).toBe(text);
				expect(guardCell(text)).not.toMatch(/^[=+\-@\t\r]/);
				const line = `h1,h2\r\n${csvCell(text)},x\r\n`;
				expect(parseCsv(line).rows[0]!.cells[0]).toBe(text);
			})
		);
	});
});
