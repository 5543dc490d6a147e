import type { Database } from '../db';
import { importCsv, importWorkbook, type ImportOptions } from './importCsv';

/** ZIP's local-file signature: an .xlsx is a ZIP archive. */
const isZip = (bytes: Uint8Array) =>
	bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;

/** Imports an uploaded file, an Excel workbook (first sheet) or an interchange CSV (UTF-8). */
export function importFile(db: Database, bytes: Uint8Array, options: ImportOptions) {
	return isZip(bytes)
		? importWorkbook(db, bytes, options)
		: importCsv(db, new TextDecoder('utf-8').decode(bytes), options);
}
