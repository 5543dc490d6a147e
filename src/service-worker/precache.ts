import { build, files, prerendered, version } from '$service-worker';
import { cleanupOutdatedCaches, precacheAndRoute } from 'workbox-precaching';

/**
 * Everything the kiosk needs to cold-start offline: Kit's hashed build files, the static
 * files and the prerendered kiosk shell. Hashed files never change, so they need no
 * revision; the rest takes the build's version. Query strings (`/kiosk?code=…`) are
 * ignored when matching, so the QR link opens offline too.
 */
export function precache(): void {
	const revisioned = [...files, ...prerendered].map((url) => ({ url, revision: version }));
	const hashed = build.map((url) => ({ url, revision: null }));
	precacheAndRoute([...hashed, ...revisioned], { ignoreURLParametersMatching: [/.*/] });
	cleanupOutdatedCaches();
}
