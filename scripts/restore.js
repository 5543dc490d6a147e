// `npm run restore -- file`: restores a backup made by `npm run backup` into DATA_DIR
// (default ./data), which must not hold a database yet. Then start the server as usual.
import { existsSync } from 'node:fs';
import { BackupError, restoreDataDir } from '../src/lib/server/db/backup.js';

if (existsSync('.env')) process.loadEnvFile('.env');
const file = process.argv[2];
if (!file) {
	console.error('Which backup? npm run restore -- backups/sipas-….tar.gz');
	process.exit(2);
}
const dataDir = process.env.DATA_DIR || './data';
try {
	const restored = await restoreDataDir(file, dataDir);
	console.log(
		`Restored into ${dataDir}: ${restored.units} units, ${restored.responses} responses. Start the server with npm start.`
	);
} catch (error) {
	if (!(error instanceof BackupError)) throw error;
	console.error(error.message);
	process.exit(1);
}
