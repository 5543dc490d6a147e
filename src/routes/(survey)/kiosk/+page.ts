// The kiosk is a static shell: it renders in the browser from IndexedDB, so it is
// prerendered and precached by the service worker and cold-starts with no network.
export const prerender = true;
export const ssr = false;
