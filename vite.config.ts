import { fileURLToPath } from 'node:url';
import { sveltekit } from '@sveltejs/kit/vite';
import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	server: { host: '127.0.0.1' },
	test: {
		expect: { requireAssertions: true },
		projects: [
			{
				extends: './vite.config.ts',
				test: {
					name: 'server',
					environment: 'node',
					include: ['src/**/*.spec.ts'],
					exclude: ['src/lib/client/**', 'src/**/*.svelte.spec.ts'],
					// Each engine's schema is migrated once, and every test database copies it.
					globalSetup: ['src/lib/server/db/templates.ts'],
					// A PGlite per describe block costs ~1 s of WASM start-up; two cores, two forks.
					testTimeout: 30_000,
					hookTimeout: 60_000
				}
			},
			{
				extends: './vite.config.ts',
				test: {
					// Browser-side code (outbox, sync engine) against fake-indexeddb.
					name: 'client',
					environment: 'node',
					include: ['src/lib/client/**/*.spec.ts'],
					setupFiles: ['fake-indexeddb/auto']
				}
			},
			{
				extends: './vite.config.ts',
				test: {
					// Components mounted on their own in the system Chromium (Vitest browser mode).
					name: 'components',
					include: ['src/**/*.svelte.spec.ts'],
					browser: {
						enabled: true,
						headless: true,
						provider: playwright({
							launchOptions: {
								executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
								args: ['--no-sandbox', '--disable-gpu', '--no-first-run']
							}
						}),
						instances: [{ browser: 'chromium' }]
					}
				}
			},
			{
				extends: './vite.config.ts',
				test: {
					name: 'bench',
					environment: 'node',
					include: ['bench/**/*.bench.ts'],
					// bench:server at 10 M answers (BENCH_SCALE=10) runs well over an hour.
					testTimeout: 4 * 3_600_000,
					hookTimeout: 600_000
				}
			},
			{
				// End-to-end tests open the server's database after it stops, with the app's own code.
				resolve: { alias: { $lib: fileURLToPath(new URL('./src/lib', import.meta.url)) } },
				test: {
					name: 'e2e',
					environment: 'node',
					// A browser and a server sharing two cores: give polled conditions time to settle.
					expect: { requireAssertions: true, poll: { timeout: 10_000 } },
					include: ['tests/**/*.e2e.ts'],
					testTimeout: 60_000,
					hookTimeout: 120_000,
					// Browser flows share one built server per file; files run one after another.
					fileParallelism: false
				}
			}
		]
	}
});
