import { NavigationRoute, registerRoute } from 'workbox-routing';
import { NetworkFirst } from 'workbox-strategies';

/**
 * The public form (`/r/UNIT`) is rendered by the server for its unit: network first, the
 * last copy when offline, so a citizen who lost signal can still finish and queue. Nothing
 * else is cached at run time: `/api/*` never (IndexedDB is the offline truth), and staff
 * pages never (they hold personal data and must not outlive a sign-out).
 */
export function routes(): void {
	registerRoute(
		new NavigationRoute(new NetworkFirst({ cacheName: 'public-forms', networkTimeoutSeconds: 4 }), {
			allowlist: [/^\/r\/[^/]+\/?$/]
		})
	);
}
