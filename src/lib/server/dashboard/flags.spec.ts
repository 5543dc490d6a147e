import { beforeAll, describe, expect, it } from 'vitest';
import { shippedInstruments } from '$lib/survey/shipped';
import { testEngines } from '../db/testing';
import type * as devices from '../devices/devices.repository';
import type * as users from '../people/users.repository';
import * as units from '../units/units.repository';
import { aKiosk, aResponse, aUser, indexedAnswers } from '../factories';
import { today } from '$lib/survey/days';
import { aView, countersAndRecount, seedUnits, useTestDatabase, valueOf } from '../testing';
import { editResponse, voidResponse } from '../responses/corrections';
import { ingest } from '../responses/ingest';
import { unitIndices } from './aggregates';
import { loadDashboard } from './service';
import { countsByUnit, respondentsByChannel } from './counts';
import { channels } from '$lib/survey/channels';
import { WHOLE } from '$lib/survey/rollups';

const service = shippedInstruments.find((i) => i.code === 'sipas-service-2023')!;
const answers = indexedAnswers;
const mixed = answers((i) => (i % 4 === 0 ? 2 : 5)); // 75 % satisfied
const time = (day: string, clock: string) => `${day}T${clock}+07:00`;
/** The public link's answers are recent (older than 72 hours they would be held). */
const ago = (seconds: number) => new Date(Date.now() - seconds * 1000).toISOString();
/** From the kiosk's answers of March 2026 to today, whatever today is. */
const year = () => `period=custom&from=2026-01-01&to=${today()}`;

describe.each(testEngines())('data-quality flags [%s]', (engine) => {
	const t = useTestDatabase(engine);
	let kiosk: devices.Device;
	let admin: users.User;
	const ids: Record<string, string> = {};

	beforeAll(async () => {
		await seedUnits(t.db);
		({ device: kiosk } = await aKiosk(t.db, 'DEMO.X01'));
		admin = await aUser(t.db, { username: 'ad', role: 'admin', unitCode: null });
		const sent = (name: string, over: Parameters<typeof aResponse>[0]) => {
			const response = aResponse(over);
			ids[name] = response.id;
			return response;
		};
		// A kiosk of X01: a careful answer, then three within a minute across two syncs.
		const first = await ingest(
			t.db,
			[
				sent('careful', {
					deviceSeq: 1,
					answers: mixed,
					startedAt: time('2026-03-10', '08:00:00'),
					submittedAt: time('2026-03-10', '08:05:00')
				}),
				sent('quick1', {
					deviceSeq: 2,
					answers: mixed,
					submittedAt: time('2026-03-10', '09:00:00')
				})
			],
			{ device: kiosk }
		);
		const second = await ingest(
			t.db,
			[
				sent('quick2', {
					deviceSeq: 3,
					answers: mixed,
					submittedAt: time('2026-03-10', '09:00:20')
				}),
				sent('quick3', {
					deviceSeq: 4,
					answers: mixed,
					submittedAt: time('2026-03-10', '09:00:40')
				})
			],
			{ device: kiosk }
		);
		// The public link for X02: a speeder (16 answers in 10 s) and a straight-liner.
		const third = await ingest(
			t.db,
			[
				sent('speeder', {
					channel: 'web',
					unit: 'DEMO.X02',
					answers: mixed,
					startedAt: ago(3600 + 10),
					submittedAt: ago(3600)
				}),
				sent('straight', {
					channel: 'web',
					unit: 'DEMO.X02',
					answers: answers(() => 1),
					submittedAt: ago(3000)
				}),
				sent('fine', {
					channel: 'web',
					unit: 'DEMO.X02',
					answers: mixed,
					submittedAt: ago(2400)
				})
			],
			{ public: true }
		);
		expect([...first, ...second, ...third].map((r) => r.status)).toEqual(Array(7).fill('created'));
	});

	const flagsOf = async (name: string) =>
		(
			await t.db.query<{ flags: string[] }>('select flags from responses where id = $1', [
				ids[name]
			])
		)[0]!.flags;

	it('marks speeders, straight-lining and a kiosk’s burst as they arrive, and counts them', async () => {
		expect(await flagsOf('careful')).toEqual([]);
		expect(await flagsOf('quick1')).toEqual([]);
		expect(await flagsOf('quick2')).toEqual([]);
		expect(await flagsOf('quick3')).toEqual(['burst']);
		expect(await flagsOf('speeder')).toEqual(['speeder']);
		expect(await flagsOf('straight')).toEqual(['straightline']);
		expect(await flagsOf('fine')).toEqual([]);
		const all = await unitIndices(t.db, {
			unit: 'DEMO',
			instrument: service,
			period: { from: '2026-01-01', to: today() }
		});
		expect(all.respondents).toBe(7);
		const { stored, recount } = await countersAndRecount(t.db);
		expect(stored).toEqual(recount);
	});

	it('shows the flagged answers per unit, and the switch leaves them out of every figure', async () => {
		const unit = (await units.get(t.db, 'DEMO'))!;
		const counted = await loadDashboard(
			t.db,
			aView(`${year()}&block=commune`, today()),
			unit,
			service,
			'vi'
		);
		expect(counted.headline.n).toBe(7);
		expect(counted.headline.channels).toEqual([
			{ channel: 'kiosk', n: 4 },
			{ channel: 'paper', n: 0 },
			{ channel: 'web', n: 3 },
			{ channel: 'dossier', n: 0 }
		]);
		expect(counted.headline.flagged).toEqual({
			total: 3,
			kinds: { burst: 1, speeder: 1, straightline: 1 }
		});
		const rows = new Map(counted.block!.ranking.rows.map((r) => [r.unit.code, r]));
		expect([rows.get('DEMO.X01')?.flagged, rows.get('DEMO.X02')?.flagged]).toEqual([1, 2]);

		const clean = await loadDashboard(
			t.db,
			aView(`${year()}&block=commune&flagged=exclude`, today()),
			unit,
			service,
			'vi'
		);
		expect(clean.headline.n).toBe(4);
		expect(clean.headline.flagged.total).toBe(3);
		// X02 keeps only "fine" (75 %); with the straight-liner (0 %) and the speeder it was 50 %.
		const x02 = (d: typeof clean) => d.block!.ranking.rows.find((r) => r.unit.code === 'DEMO.X02')!;
		expect(x02(counted).index).toBeCloseTo(50, 9);
		expect(x02(clean).index).toBeCloseTo(75, 9);
		expect(clean.headline.index).toBeCloseTo(75, 9);
		// A custom range counts its edge days from the answers themselves: the same rule there.
		const edges = await loadDashboard(
			t.db,
			aView(`period=custom&from=2026-03-10&to=${today()}&flagged=exclude`, today()),
			unit,
			service,
			'vi'
		);
		expect(edges.headline.n).toBe(4);
	});

	it('counts respondents per channel in one read, the flagged ones out where a view says', async () => {
		const units = ['DEMO.X01', 'DEMO.X02', WHOLE];
		// The year to date is the year less its last month, and edge days.
		for (const from of ['2026-01-01', '2026-03-10'])
			for (const clean of [false, true]) {
				const read = { instrument: service.code, units, period: { from, to: today() }, clean };
				const together = await respondentsByChannel(t.db, read);
				for (const channel of channels)
					expect(together.get(channel)).toEqual(
						await countsByUnit(t.db, { ...read, channel, items: [] })
					);
				expect(together.get('web')!.get(WHOLE)!.respondents).toBe(clean ? 1 : 3);
			}
	});

	it('keeps the flagged counters right through a correction and a void', async () => {
		valueOf(await editResponse(t.db, ids.straight!, mixed, 'Nhập nhầm', admin));
		expect(await flagsOf('straight')).toEqual([]);
		valueOf(await voidResponse(t.db, ids.speeder!, 'Phiếu thử', admin));
		const { stored, recount } = await countersAndRecount(t.db);
		expect(stored).toEqual(recount);
		const clean = await unitIndices(t.db, {
			unit: 'DEMO.X02',
			instrument: service,
			period: { from: '2026-01-01', to: today() },
			clean: true
		});
		expect(clean.respondents).toBe(2);
	});
});
