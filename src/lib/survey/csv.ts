/**
 * A small RFC 4180 reader: quoted fields with doubled quotes and line breaks, CRLF or LF,
 * a UTF-8 BOM (Excel writes one), and the delimiter found from the header line, because a
 * Vietnamese Excel exports `;` where the decimal separator is a comma.
 *
 * Text cells are guarded against formula injection on the way out and unguarded on the way
 * in (`guardCell`, `unguardCell`), so every CSV this app writes is safe to open in a
 * spreadsheet and its interchange files still import to exactly what was exported.
 */
export interface CsvTable {
	header: string[];
	/** Data rows with their 1-based line numbers as a spreadsheet shows them (header = 1). */
	rows: { line: number; cells: string[] }[];
}

export function detectDelimiter(firstLine: string): ',' | ';' | '\t' {
	const count = (ch: string) => firstLine.split(ch).length - 1;
	const candidates = [',', ';', '\t'] as const;
	return candidates.reduce((best, ch) => (count(ch) > count(best) ? ch : best), ',');
}

export function parseCsv(text: string): CsvTable {
	const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
	const delimiter = detectDelimiter(source.slice(0, source.search(/\r?\n|$/)));
	const records: { line: number; cells: string[] }[] = [];
	let cells: string[] = [];
	let field = '';
	let quoted = false;
	let line = 1;
	let recordLine = 1;
	const endRecord = () => {
		cells.push(unguardCell(field));
		if (cells.length > 1 || cells[0] !== '') records.push({ line: recordLine, cells });
		cells = [];
		field = '';
	};
	for (let i = 0; i < source.length; i++) {
		const ch = source[i]!;
		if (quoted) {
			if (ch === '"' && source[i + 1] === '"') {
				field += '"';
				i++;
			} else if (ch === '"') quoted = false;
			else {
				if (ch === '\n') line++;
				field += ch;
			}
		} else if (ch === '"' && field === '') quoted = true;
		else if (ch === delimiter) {
			cells.push(unguardCell(field));
			field = '';
		} else if (ch === '\n' || ch === '\r') {
			if (ch === '\r' && source[i + 1] === '\n') i++;
			endRecord();
			line++;
			recordLine = line;
		} else field += ch;
	}
	if (field !== '' || cells.length > 0) endRecord();
	const [head, ...rows] = records;
	return { header: (head?.cells ?? []).map((cell) => cell.trim()), rows };
}

/**
 * A spreadsheet runs a cell that begins with `=`, `+`, `-` or `@` (or a tab or carriage
 * return before one) as a formula: a citizen's comment `=HYPERLINK("http://…")` would be a
 * live link in a manager's Excel. Such text goes out behind an apostrophe, which spreadsheets
 * show as text (OWASP's advice); text that already begins with an apostrophe gets one more,
 * so that `unguardCell` can always take exactly one off: `unguardCell(guardCell(x)) === x`
 * for every string. Numbers are written as numbers and never guarded (`-5` is a number).
 */
const RISKY = /^[=+\-@\t\r']/;

export function guardCell(text: string): string {
	return RISKY.test(text) ? `'${text}` : text;
}

/** The text a guarded cell stood for (a hand-made `'=x` reads as `=x` too). */
export function unguardCell(text: string): string {
	return text[0] === "'" && RISKY.test(text.slice(1)) ? text.slice(1) : text;
}

/** A cell for CSV output: text guarded (`guardCell`), quoted when it needs it. */
export function csvCell(value: string | number | null | undefined): string {
	if (typeof value === 'number') return String(value);
	const text = guardCell(value ?? '');
	return /[",;\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
