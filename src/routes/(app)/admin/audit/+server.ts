import { redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';

/** The audit log moved to /audit, where an admin reads everything and a manager their units. */
export const GET: RequestHandler = ({ url }) => redirect(308, `/audit${url.search}`);
