import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** The system Chromium with a fresh profile; flags keep it off this machine's closed network. */
export async function launchBrowser(
	options: {
		javaScriptEnabled?: boolean;
		locale?: string;
		/** A HOME of its own: its NSS database (`.pki/nssdb`) holds the authorities it trusts. */
		home?: string;
	} = {}
): Promise<BrowserContext> {
	return chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'sipas-chromium-')), {
		executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
		headless: true,
		locale: options.locale ?? 'vi-VN',
		javaScriptEnabled: options.javaScriptEnabled ?? true,
		...(options.home ? { env: { ...process.env, HOME: options.home } } : {}),
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync'
		]
	});
}

export async function signIn(
	page: Page,
	base: string,
	username: string,
	password: string
): Promise<void> {
	// Wait for hydration: Svelte 5 writes each input's `value` once when it hydrates, wiping
	// what was typed before (sveltejs/svelte#18446 and kin), and an emptied required field
	// then blocks the submit. People rarely type that fast; a test always does.
	await page.goto(`${base}/login`, { waitUntil: 'networkidle' });
	await page.getByLabel('Tên đăng nhập').fill(username);
	await page.getByLabel('Mật khẩu').fill(password);
	await page.getByRole('button', { name: 'Đăng nhập' }).click();
	await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

export interface AxeViolation {
	id: string;
	impact: string | null;
	help: string;
	nodes: { target: string[] }[];
}

/** Runs axe-core in the page (WCAG 2.1 AA rules) and returns the violations. */
export async function axe(page: Page): Promise<AxeViolation[]> {
	// Evaluated over the DevTools protocol: the page's CSP (rightly) refuses inline scripts.
	await page.evaluate(axeSource);
	return page.evaluate(async () => {
		const w = window as unknown as {
			axe: { run: (ctx: Document, opts: object) => Promise<{ violations: AxeViolation[] }> };
		};
		const result = await w.axe.run(document, {
			runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']
		});
		return result.violations;
	});
}
