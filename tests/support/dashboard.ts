import type { Page } from 'playwright-core';
import { roundHalfUp } from '../../src/lib/survey/indices';
import { vietnamToday } from './entry';
import { useServerAndBrowser } from './journey';

/** The dashboard's journeys: a server with the demo province's answers, and a browser. */
export const useDashboardServer = () => useServerAndBrowser({ DEMO_RESPONSES: '1' });

export const year = vietnamToday().slice(0, 4);
export const lastYear = String(+year - 1);
export const instrument = 'sipas-service-2023';
/** The view the manager chooses, as /api/rankings takes it. */
export const rankingsQuery = (kind: string) =>
	new URLSearchParams({
		parent: 'DEMO',
		kind,
		instrument,
		from: `${year}-01-01`,
		to: vietnamToday(),
		compareFrom: `${lastYear}-01-01`,
		compareTo: `${lastYear}-12-31`
	});
export const vi = (value: number) => `${roundHalfUp(value).toFixed(2).replace('.', ',')} %`;

/** True when the canvas has painted pixels other than its white background. */
export const painted = (p: Page, index: number) =>
	p
		.locator('canvas')
		.nth(index)
		.evaluate((canvas: HTMLCanvasElement) => {
			const { width, height } = canvas;
			const data = canvas.getContext('2d')!.getImageData(0, 0, width, height).data;
			for (let i = 0; i < data.length; i += 4) {
				if (data[i]! < 240 || data[i + 1]! < 240 || data[i + 2]! < 240) return true;
			}
			return false;
		});
