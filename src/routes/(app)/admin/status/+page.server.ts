import { db } from '$lib/server/db';
import { systemStatus } from '$lib/server/operations/status';
import type { PageServerLoad } from './$types';

/** The queues, the kiosks that need a visit, the database's size and growth. */
export const load: PageServerLoad = async () => ({ status: await systemStatus(db()) });
