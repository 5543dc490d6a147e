import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { launchBrowser } from './browser';
import { startServer, type RunningServer } from './server';

/** A running server, one browser, and before each test a fresh page without a session. */
export interface Journey {
	readonly server: RunningServer;
	readonly browser: BrowserContext;
	readonly page: Page;
}

/**
 * Starts a production server (with `env`) and a browser for a file's journeys, stops both
 * after them, and gives each test a fresh page with no cookies left from the one before.
 */
export function useServerAndBrowser(env: Record<string, string> = {}): Journey {
	let server: RunningServer;
	let browser: BrowserContext;
	let page: Page;
	beforeAll(async () => {
		server = await startServer(env);
		browser = await launchBrowser();
	}, 120_000);
	afterAll(async () => {
		await browser?.close();
		await server?.stop();
	});
	beforeEach(async () => {
		await browser.clearCookies();
		await page?.close();
		page = await browser.newPage();
	});
	return {
		get server() {
			return server;
		},
		get browser() {
			return browser;
		},
		get page() {
			return page;
		}
	};
}
