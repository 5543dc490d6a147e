import { db } from '$lib/server/db';
import * as audit from '$lib/server/audit/service';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async () => ({ entries: await audit.recent(db(), 200) });
