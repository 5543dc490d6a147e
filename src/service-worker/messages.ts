/**
 * A new version waits after installing. The page sends SKIP_WAITING (workbox-window's
 * `messageSkipWaiting`) only when the kiosk is back at its welcome screen.
 */
export function listen(worker: ServiceWorkerGlobalScope): void {
	worker.addEventListener('message', (event) => {
		if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING')
			void worker.skipWaiting();
	});
}
