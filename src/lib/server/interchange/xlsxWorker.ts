import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { readFirstSheet, SpreadsheetError, type ReadLimits } from './xlsxRead';

/**
 * The worker thread that reads uploaded workbooks (see `readWorkbook` in `xlsx.ts`). It is
 * this module itself: `xlsx.ts` imports it dynamically for its URL, so the build gives it a
 * chunk of its own (with only the reader and its two libraries), and `readers.ts` starts
 * workers on that chunk with `workerData.task` set. Vite has no worker entries for server
 * code; this needs none. A worker reads one workbook per message, for as long as it lives.
 */
export const workerUrl = import.meta.url;

export const TASK = 'read-first-sheet';

export interface WorkbookTask {
	data: Uint8Array;
	limits: ReadLimits;
}

export type WorkbookReply =
	| { rows: string[][] }
	| { refused: { key: string; message: string; params: Record<string, string | number> } };

function reply(task: WorkbookTask): WorkbookReply {
	try {
		return { rows: readFirstSheet(task.data, task.limits) };
	} catch (error) {
		if (!(error instanceof SpreadsheetError)) throw error;
		return { refused: { key: error.key, message: error.message, params: error.params } };
	}
}

if (!isMainThread && (workerData as { task?: string } | undefined)?.task === TASK)
	parentPort!.on('message', (task: WorkbookTask) => parentPort!.postMessage(reply(task)));
