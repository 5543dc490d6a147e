/**
 * The paper-entry screen kept for offline reloads: written by the page when it opens (a
 * client-side navigation never fetches the page itself), served by the service worker when
 * the network fails, emptied by the service worker at every sign-in and sign-out.
 */
export const STAFF_CACHE = 'staff-entry';
