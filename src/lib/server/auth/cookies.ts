import { hasControl } from '$lib/survey/text';
import type { Cookies } from '@sveltejs/kit';
import { SESSION_COOKIE, SESSION_HOURS } from './sessions';

/** httpOnly, SameSite=Lax, Secure whenever the site is served over https. */
export function setSessionCookie(cookies: Cookies, url: URL, token: string): void {
	cookies.set(SESSION_COOKIE, token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: url.protocol === 'https:',
		maxAge: SESSION_HOURS * 3600
	});
}

export function clearSessionCookie(cookies: Cookies): void {
	cookies.delete(SESSION_COOKIE, { path: '/' });
}

/**
 * A same-site path to go back to after sign-in: not `//host`, no backslash, no control
 * character (which would break the Location header). Anything else goes home.
 */
export function safeNext(next: string | null | undefined): string {
	return next && /^\/(?![/\\])[^\\]*$/.test(next) && !hasControl(next) ? next : '/';
}
