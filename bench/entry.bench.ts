/**
 * `npm run bench:entry` — not part of `npm test`. The paper-entry import path on PGlite (and
 * PostgreSQL when BENCH_DATABASE_URL is set): a campaign-sized Excel workbook (10 000 forms,
 * BENCH_ROWS to change) read, checked in a dry run, committed into a batch, and imported
 * again (all duplicates). Figures go to BENCHMARKS.md by hand, with the machine and the date.
 */
import { cpus } from 'node:os';
import { expect, it } from 'vitest';
import { batchInput, createBatch } from '$lib/server/batches/service';
import { testDatabase } from '$lib/server/db/testing';
import * as batches from '$lib/server/batches/batches.repository';
import { importWorkbook } from '$lib/server/interchange/importCsv';
import { syncShippedInstruments } from '$lib/server/instruments/service';
import { readWorkbook, writeWorkbook } from '$lib/server/interchange/xlsx';
import { staffUsers } from '$lib/server/factories';
import { seedUnits } from '$lib/server/testing';
import { itemsOf } from '$lib/survey/instruments';
import { shippedInstruments } from '$lib/survey/shipped';
import { report } from './support';

const ROWS = Number(process.env.BENCH_ROWS ?? 10_000);
/** The 16 satisfaction items of the service form, in paper order. */
const ITEMS = itemsOf(shippedInstruments.find((i) => i.code === 'sipas-service-2023')!)
	.filter((item) => item.scale === 'L5')
	.map((item) => item.code);
const { say } = report();

function workbook(): Buffer {
	const rows: (string | number)[][] = [
		['Số phiếu', 'Ngày', ...ITEMS.map((c) => `Câu ${c}`), 'Giới tính', 'Độ tuổi', 'Ý kiến khác']
	];
	for (let i = 1; i <= ROWS; i++) {
		rows.push([
			`P-${String(i).padStart(5, '0')}`,
			46_100 + (i % 20),
			...ITEMS.map((_, k) => ((i * 7 + k * 3) % 5) + 1),
			i % 2 ? 'female' : 'male',
			['18-24', '25-34', '35-49', '50-60', 'over60'][i % 5]!,
			i % 25 === 0 ? 'Cán bộ hướng dẫn tận tình, thủ tục nhanh.' : ''
		]);
	}
	return writeWorkbook(rows);
}

const engines: ('pglite' | 'postgres')[] = process.env.BENCH_DATABASE_URL
	? ['pglite', 'postgres']
	: ['pglite'];

it.each(engines)('entry import benchmark on %s', async (engine) => {
	const { db, close } = await testDatabase(engine, process.env.BENCH_DATABASE_URL);
	try {
		await syncShippedInstruments(db);
		await seedUnits(db);
		const [clerk] = await staffUsers(db, [['clerk', 'DEMO.X01']]);
		const created = await createBatch(
			db,
			batchInput.parse({
				unit: 'DEMO.X01',
				instrument: 'sipas-service-2023',
				label: 'Đợt benchmark',
				periodStart: '2026-03-01',
				periodEnd: '2026-04-30',
				expected: String(ROWS),
				verifyPercent: '10',
				verifySerials: ''
			}),
			clerk!
		);
		if (!created.ok) throw new Error('no batch');
		const batch = (await batches.get(db, created.value))!;
		const file = workbook();
		const time = async <T>(label: string, run: () => Promise<T> | T): Promise<T> => {
			const started = performance.now();
			const result = await run();
			const ms = performance.now() - started;
			say(
				`${engine}: ${label}: ${(ms / 1000).toFixed(2)} s (${Math.round((ROWS / ms) * 1000)} rows/s)`
			);
			return result;
		};
		say(
			`${engine}: ${ROWS} forms, workbook ${(file.length / 1024).toFixed(0)} KiB, ${cpus().length} cores`
		);
		const sheet = await time('read the workbook', () => readWorkbook(file));
		expect(sheet).toHaveLength(ROWS + 1);
		const options = { actor: { user: clerk! }, dryRun: true, batch };
		const dry = await time('dry run', () => importWorkbook(db, file, options));
		expect(dry).toMatchObject({ created: ROWS, errors: [] });
		const stored = await time('commit', () =>
			importWorkbook(db, file, { ...options, dryRun: false })
		);
		expect(stored).toMatchObject({ created: ROWS, errors: [] });
		const again = await time('import again', () =>
			importWorkbook(db, file, { ...options, dryRun: false })
		);
		expect(again).toMatchObject({ created: 0, duplicate: ROWS });
	} finally {
		await close();
	}
});
