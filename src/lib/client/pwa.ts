import { Workbox } from 'workbox-window';

/**
 * Registers the service worker with workbox-window. A new version installs in the
 * background and waits; `apply()` activates it and reloads, and the kiosk calls it only on
 * its welcome screen, never in the middle of a respondent.
 */
export function registerServiceWorker(options: { dev: boolean; onwaiting: () => void }) {
	if (!('serviceWorker' in navigator)) return undefined;
	// Kit serves the worker as an ES module under `vite dev` and as a classic script in the build.
	const wb = new Workbox('/service-worker.js', { type: options.dev ? 'module' : 'classic' });
	wb.addEventListener('waiting', () => options.onwaiting());
	void wb.register().catch((error: unknown) => console.warn('service worker', error));
	return {
		/** Looks for a new version (also done by the browser on navigations). */
		check: () => void wb.update().catch(() => undefined),
		/** Activates the waiting version and reloads into it. */
		apply: () => {
			wb.addEventListener('controlling', () => window.location.reload());
			wb.messageSkipWaiting();
		}
	};
}
