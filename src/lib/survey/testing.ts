import { readDashboardQuery, type DashboardQuery } from './dashboard';

/**
 * For tests (server, client and component alike): a dashboard view as its address gives it,
 * seen by a caller of DEMO on `today`.
 */
export function aView(search: string, today = '2026-11-30'): DashboardQuery {
	const read = readDashboardQuery(new URLSearchParams(search), { home: 'DEMO', today });
	if (!read.ok) throw new Error(`not a view: ${search} (${read.key})`);
	return read.query;
}
