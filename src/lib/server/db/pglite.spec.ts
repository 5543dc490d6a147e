import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '.';
import { DISK_SHARED_BUFFERS } from './pglite';

describe('the embedded database on disk', () => {
	it("keeps a small buffer cache of its own and leaves the files' caching to the system", async () => {
		const dir = mkdtempSync(join(tmpdir(), 'sipas-pglite-'));
		const { db, close } = await openDatabase({ dataDir: dir });
		try {
			const [row] = await db.query<{ shared_buffers: string }>('show shared_buffers');
			expect(row?.shared_buffers).toBe(DISK_SHARED_BUFFERS);
			expect(DISK_SHARED_BUFFERS).toBe('32MB');
		} finally {
			await close();
			rmSync(dir, { recursive: true, force: true });
		}
	});
});
