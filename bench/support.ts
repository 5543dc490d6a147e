import { readFileSync } from 'node:fs';

/** What a bench prints as it goes and once more, together, at the end. */
export function report() {
	const lines: string[] = [];
	return {
		lines,
		say(line: string) {
			lines.push(line);
			console.log(line);
		}
	};
}

/** The p-th percentile of ascending numbers (nearest rank). */
export const percentile = (sorted: number[], p: number) =>
	sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

/** The resident memory of a process, from /proc (Linux). */
export const rssOf = (pid: number) =>
	Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;
