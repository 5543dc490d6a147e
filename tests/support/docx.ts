import { strFromU8, unzipSync } from 'fflate';
import { SaxesParser } from 'saxes';

/** What a Word file says, read back for tests: its paragraphs' text and its tables' cells. */
export interface DocxText {
	/** Every paragraph outside tables, in order. */
	paragraphs: string[];
	/** Each table as rows of cell texts (a cell's paragraphs joined by a line break). */
	tables: string[][][];
	/** All the document's text, paragraphs and cells, one per line. */
	text: string;
}

export function readDocx(file: Uint8Array): DocxText {
	const xml = strFromU8(
		unzipSync(file, { filter: (f) => f.name === 'word/document.xml' })['word/document.xml']!
	);
	const out: DocxText = { paragraphs: [], tables: [], text: '' };
	const lines: string[] = [];
	const tables: string[][][] = [];
	let row: string[] | undefined;
	let cell: string[] | undefined;
	let paragraph = '';
	let inText = false;
	const parser = new SaxesParser();
	parser.on('opentag', (tag) => {
		if (tag.name === 'w:tbl') tables.push([]);
		else if (tag.name === 'w:tr') row = [];
		else if (tag.name === 'w:tc') cell = [];
		else if (tag.name === 'w:p') paragraph = '';
		else if (tag.name === 'w:t') inText = true;
	});
	parser.on('text', (text) => {
		if (inText) paragraph += text;
	});
	parser.on('closetag', (tag) => {
		if (tag.name === 'w:t') inText = false;
		else if (tag.name === 'w:p') {
			lines.push(paragraph);
			if (cell) cell.push(paragraph);
			else out.paragraphs.push(paragraph);
		} else if (tag.name === 'w:tc') {
			row?.push(cell!.join('\n'));
			cell = undefined;
		} else if (tag.name === 'w:tr') {
			tables.at(-1)!.push(row!);
			row = undefined;
		} else if (tag.name === 'w:tbl') out.tables.push(tables.pop()!);
	});
	parser.write(xml).close();
	out.text = lines.join('\n');
	return out;
}
