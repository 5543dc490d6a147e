import { db } from '$lib/server/db';
import * as audit from '$lib/server/audit/audit.repository';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async () => ({ entries: await audit.recent(db(), 200) });
