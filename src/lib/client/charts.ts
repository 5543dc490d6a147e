import type { ChartConfiguration } from 'chart.js';
import type { Attachment } from 'svelte/attachments';

/**
 * `{@attach chart(config)}` on a canvas: draws it with chart.js, loaded on first use, and
 * redraws when the configuration changes (the attachment reruns). Destroyed with the canvas.
 */
export function chart(config: ChartConfiguration): Attachment<HTMLCanvasElement> {
	return (canvas) => {
		let instance: { destroy(): void } | undefined;
		let gone = false;
		void import('./chartjs').then(({ Chart }) => {
			if (!gone) instance = new Chart(canvas, config);
		});
		return () => {
			gone = true;
			instance?.destroy();
		};
	};
}

/** Saves a canvas as a PNG file. */
export function downloadPng(canvas: HTMLCanvasElement, name: string): void {
	canvas.toBlob((blob) => {
		if (!blob) return;
		const link = document.createElement('a');
		link.href = URL.createObjectURL(blob);
		link.download = `${name}.png`;
		link.click();
		setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
	}, 'image/png');
}

/** Colours that stay apart for people with common colour blindness (Okabe–Ito). */
export const palette = [
	'#0072B2',
	'#E69F00',
	'#009E73',
	'#CC79A7',
	'#56B4E9',
	'#D55E00',
	'#F0E442',
	'#000000'
];

/** The five answer levels, from very dissatisfied (red) to very satisfied (green). */
export const levelColours = ['#b2182b', '#ef8a62', '#bdbdbd', '#67a9cf', '#2166ac'];
