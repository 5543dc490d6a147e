/**
 * The first version takes control of the open kiosk page at once (its precache is complete
 * when it activates), so a tablet enrolled today is already offline-proof. Every later
 * version waits after installing: the page sends SKIP_WAITING (workbox-window's
 * `messageSkipWaiting`) only when the kiosk is back at its welcome screen.
 */
export function lifecycle(worker: ServiceWorkerGlobalScope): void {
	worker.addEventListener('activate', (event) => event.waitUntil(worker.clients.claim()));
	worker.addEventListener('message', (event) => {
		if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING')
			void worker.skipWaiting();
	});
}
