import { Worker } from 'node:worker_threads';
import { SpreadsheetError, tooSlow } from './xlsxRead';
import type { WorkbookReply, WorkbookTask } from './xlsxWorker';

/**
 * The worker threads that read uploads, kept between reads: starting one costs ~100 ms, a
 * read of a small workbook a few. At most `READERS` read at once (imports are a staff task,
 * not a flood); the rest wait their turn. A worker that overruns its time is terminated, one
 * that overruns its heap dies by itself: either way the next read starts a fresh one.
 */
export const READERS = 2;

export interface ReaderLimits {
	/** Wall time of one read; the reader itself also stops at `task.limits.deadline`. */
	ms: number;
	/** The worker's heap. */
	memoryMb: number;
}

const idle: Worker[] = [];
let reading = 0;
const waiting: (() => void)[] = [];

async function turn<T>(run: () => Promise<T>): Promise<T> {
	if (reading >= READERS) await new Promise<void>((go) => waiting.push(go));
	reading++;
	try {
		return await run();
	} finally {
		reading--;
		waiting.shift()?.();
	}
}

function spawn(url: string, task: string, memoryMb: number): Worker {
	const worker = new Worker(new URL(url), {
		workerData: { task },
		resourceLimits: { maxOldGenerationSizeMb: memoryMb }
	});
	// An idle reader never keeps the server from exiting.
	worker.unref();
	return worker;
}

/** Reads one workbook in a worker started on `url` (the worker chunk) for `task`. */
export function readInWorker(
	url: string,
	task: string,
	work: WorkbookTask,
	limits: ReaderLimits
): Promise<string[][]> {
	return turn(
		() =>
			new Promise((resolve, reject) => {
				const worker = idle.pop() ?? spawn(url, task, limits.memoryMb);
				const settle = (keep: boolean) => {
					clearTimeout(timer);
					worker.off('message', onMessage);
					worker.off('error', onError);
					worker.off('exit', onExit);
					if (keep && idle.length < READERS) idle.push(worker);
					else void worker.terminate();
				};
				const onMessage = (reply: WorkbookReply) => {
					settle(true);
					if ('rows' in reply) resolve(reply.rows);
					else {
						const { key, message, params } = reply.refused;
						reject(new SpreadsheetError(key, message, params));
					}
				};
				const onError = (error: Error & { code?: string }) => {
					settle(false);
					reject(
						error.code === 'ERR_WORKER_OUT_OF_MEMORY'
							? new SpreadsheetError(
									'issue.workbook.tooLarge',
									'the workbook needs too much memory',
									{
										mb: limits.memoryMb
									}
								)
							: error
					);
				};
				const onExit = () => {
					settle(false);
					reject(new Error('the workbook reader stopped without an answer'));
				};
				// The reader watches the deadline itself; this is for one stuck between two looks.
				const timer = setTimeout(() => {
					settle(false);
					reject(tooSlow());
				}, limits.ms + 1_000);
				worker.on('message', onMessage);
				worker.on('error', onError);
				worker.on('exit', onExit);
				worker.postMessage(work);
			})
	);
}
