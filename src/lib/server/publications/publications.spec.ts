import { beforeAll, describe, expect, it } from 'vitest';
import { shippedInstruments } from '$lib/survey/shipped';
import { testEngines } from '../db/testing';
import { scopeOf, type Scope } from '../auth/scope';
import type * as users from '../people/users.repository';
import { aResponse, aUser, indexedAnswers } from '../factories';
import { aView, seedUnits, useTestDatabase, valueOf } from '../testing';
import { editResponse, voidResponse } from '../responses/corrections';
import { ingest } from '../responses/ingest';
import { ranking, unitIndices } from '../dashboard/aggregates';
import { strFromU8, unzipSync } from 'fflate';
import { dashboardWorkbook } from '../dashboard/workbook';
import { publicationReply, publishedFigures } from './replies';
import { getFor, listFor, publish, publishInput, type PublishInput } from './service';
import { publishedState } from './views';
import { standingOf } from './standing';
import * as units from '../units/units.repository';

const service = shippedInstruments.find((i) => i.code === 'sipas-service-2023')!;
const answers = indexedAnswers;
const form = (unit: string, day: string, level: (i: number) => number) =>
	aResponse({
		channel: 'paper',
		unit,
		submittedAt: `${day}T09:00:00+07:00`,
		answers: answers(level)
	});
const H2 = { from: '2025-07-01', to: '2025-12-31' };
const input = (over: Partial<PublishInput> = {}) =>
	publishInput.parse({
		unit: 'DEMO',
		instrument: 'sipas-service-2023',
		...H2,
		reference: 'Quyết định số 12/QĐ-UBND',
		...over
	});

describe.each(testEngines())('published results [%s]', (engine) => {
	const t = useTestDatabase(engine);
	let admin: users.User;
	let manager: users.User;
	let communeManager: users.User;
	let staff: users.User;
	const scope = (user: users.User): Promise<Scope> => scopeOf(t.db, { user });
	const seeded: string[] = [];

	beforeAll(async () => {
		await seedUnits(t.db);
		admin = await aUser(t.db, { username: 'ad', role: 'admin', unitCode: null });
		manager = await aUser(t.db, { username: 'ld', role: 'manager', unitCode: 'DEMO' });
		communeManager = await aUser(t.db, { username: 'ldx', role: 'manager', unitCode: 'DEMO.X01' });
		staff = await aUser(t.db, { username: 'nv', role: 'staff', unitCode: 'DEMO.X01' });
		const forms = [
			form('DEMO.X01', '2025-08-01', () => 5),
			form('DEMO.X01', '2025-09-01', (i) => (i % 2 ? 5 : 2)),
			form('DEMO.X02', '2025-10-01', () => 4),
			form('DEMO.X02', '2025-11-01', () => 1)
		];
		seeded.push(...forms.map((f) => f.id));
		const results = await ingest(t.db, forms, { user: admin }, { history: true });
		expect(results.map((r) => r.status)).toEqual(Array(4).fill('created'));
	});

	it('lets an admin or a manager above the unit publish, never staff or a manager below it', async () => {
		expect(await publish(t.db, input(), staff, await scope(staff))).toMatchObject({
			ok: false,
			reason: 'forbidden'
		});
		expect(await publish(t.db, input(), communeManager, await scope(communeManager))).toMatchObject(
			{ ok: false, reason: 'outOfScope' }
		);
		expect(
			await publish(t.db, input({ to: '2099-12-31' }), manager, await scope(manager))
		).toMatchObject({ ok: false, reason: 'periodOpen' });
		const published = valueOf(await publish(t.db, input(), manager, await scope(manager)));
		expect(published).toMatchObject({
			unit: 'DEMO',
			...H2,
			reference: 'Quyết định số 12/QĐ-UBND',
			reason: null,
			supersedes: null,
			publishedBy: { id: manager.id }
		});
		// The commune's own manager may publish the commune (their subtree), read the province's not.
		const own = await publish(
			t.db,
			input({ unit: 'DEMO.X01' }),
			communeManager,
			await scope(communeManager)
		);
		expect(own.ok).toBe(true);
		expect(await getFor(t.db, published.id, await scope(communeManager))).toMatchObject({
			ok: false,
			reason: 'outOfScope'
		});
		expect(await getFor(t.db, 'not-an-id', await scope(admin))).toMatchObject({
			ok: false,
			reason: 'publicationNotFound'
		});
	});

	it('freezes the figures the live code computed: indices, rankings, elements, summary', async () => {
		const [row] = (await listFor(t.db, 'DEMO')).filter((p) => p.unit === 'DEMO');
		const { snapshot, publication } = valueOf(await getFor(t.db, row!.id, await scope(admin)));
		const live = await unitIndices(t.db, { unit: 'DEMO', instrument: service, period: H2 });
		expect(snapshot.index).toMatchObject({ unit: 'DEMO', n: 4, index: live.index });
		expect(snapshot.index.items).toEqual(live.items);
		const communes = snapshot.rankings.find((r) => r.kind === 'commune')!;
		const compare = { from: '2024-07-01', to: '2024-12-31' };
		const ranked = await ranking(t.db, {
			parent: 'DEMO',
			kind: 'commune',
			instrument: service,
			period: H2,
			compare
		});
		expect(communes).toMatchObject({ parent: 'DEMO', compare, rows: ranked.rows });
		expect(snapshot.elements.map((e) => e.code)).toEqual(['II.A', 'II.B', 'II.C', 'II.D', 'II.E']);
		expect(snapshot.summary.vi.commune!.join(' ')).toContain('khối xã, phường');
		expect(snapshot.summary.en.commune!.join(' ')).toContain('commune block');
		expect(publishedFigures(publication, snapshot).index).toEqual(snapshot.index);
		// The workbook of published figures names the decision on a last sheet; a live one does not.
		const sheets = (published: boolean) => {
			const files = unzipSync(
				dashboardWorkbook(
					'vi',
					snapshot.views.commune!,
					published ? publicationReply(publication) : null
				)
			);
			return Object.keys(files).filter((name) => name.startsWith('xl/worksheets/')).length;
		};
		// Ranking, elements, items, perceptions; and the publication's own sheet when published.
		expect([sheets(false), sheets(true)]).toEqual([4, 5]);
		const text = Object.values(
			unzipSync(dashboardWorkbook('vi', snapshot.views.commune!, publicationReply(publication)))
		)
			.map((file) => strFromU8(file))
			.join('');
		expect(text).toContain('Quyết định số 12/QĐ-UBND');
	});

	it('asks a reason to publish again, and keeps the earlier publication', async () => {
		const again = await publish(t.db, input({ reference: 'QĐ 15' }), admin, await scope(admin));
		expect(again).toMatchObject({
			ok: false,
			reason: 'republishReason',
			params: { reference: 'Quyết định số 12/QĐ-UBND' }
		});
		const second = valueOf(
			await publish(
				t.db,
				input({ reference: 'QĐ 15', reason: 'Đính chính số liệu xã X02' }),
				admin,
				await scope(admin)
			)
		);
		const list = (await listFor(t.db, 'DEMO')).filter((p) => p.unit === 'DEMO');
		expect(list.map((p) => [p.reference, p.current, p.supersedes])).toEqual([
			['QĐ 15', true, list[1]!.id],
			['Quyết định số 12/QĐ-UBND', false, null]
		]);
		expect(second.reason).toBe('Đính chính số liệu xã X02');
	});

	it('keeps the published figures byte for byte while late answers, edits and voids move the live ones', async () => {
		const [current] = (await listFor(t.db, 'DEMO')).filter((p) => p.unit === 'DEMO' && p.current);
		const frozen = async () => {
			const found = valueOf(await getFor(t.db, current!.id, await scope(admin)));
			return JSON.stringify(publishedFigures(found.publication, found.snapshot));
		};
		const before = await frozen();
		const liveBefore = await unitIndices(t.db, { unit: 'DEMO', instrument: service, period: H2 });

		const late = form('DEMO.X02', '2025-12-01', () => 5);
		await ingest(t.db, [late], { user: admin }, { history: true });
		valueOf(
			await editResponse(
				t.db,
				seeded[3]!,
				answers(() => 5),
				'Nhập nhầm',
				admin
			)
		);
		valueOf(await voidResponse(t.db, seeded[0]!, 'Phiếu trùng', admin));

		expect(await frozen()).toBe(before);
		const liveAfter = await unitIndices(t.db, { unit: 'DEMO', instrument: service, period: H2 });
		expect(liveAfter.respondents).toBe(liveBefore.respondents); // one more, one void
		expect(liveAfter.index).not.toBeCloseTo(liveBefore.index!, 6);
		const [after] = (await listFor(t.db, 'DEMO')).filter((p) => p.id === current!.id);
		expect(after!.since).toEqual({ late: 1, corrected: 2 });

		// The dashboard of that view shows the frozen figures, and the live ones with live=1.
		const view = aView('unit=DEMO&period=custom&from=2025-07-01&to=2025-12-31');
		const shown = await publishedState(t.db, view, 'vi');
		expect(shown?.dashboard?.headline.index).toBeCloseTo(liveBefore.index!, 9);
		expect(shown?.publication.reference).toBe('QĐ 15');
		expect((await publishedState(t.db, { ...view, live: true }, 'vi'))?.dashboard).toBeNull();
		expect(await publishedState(t.db, { ...view, channel: 'paper' }, 'vi')).toBeNull();

		// A commune's own dashboard says where it stood as announced, and live with live=1:
		// the edit and the late answer lifted DEMO.X02 above DEMO.X01, whose best form was void.
		const x02 = (await units.get(t.db, 'DEMO.X02'))!;
		const ownView = aView('unit=DEMO.X02&period=custom&from=2025-07-01&to=2025-12-31');
		expect(await standingOf(t.db, ownView, x02, service)).toMatchObject({
			kind: 'commune',
			rank: 2,
			of: 2,
			published: true
		});
		expect(await standingOf(t.db, { ...ownView, live: true }, x02, service)).toEqual({
			kind: 'commune',
			rank: 1,
			of: 2,
			behind: 0,
			published: false
		});
		const province = (await units.get(t.db, 'DEMO'))!;
		expect(await standingOf(t.db, ownView, province, service)).toBeNull();
	});
});
