import { beforeAll, describe, expect, it } from 'vitest';
import type { ResponseInput } from '$lib/survey/responses';
import { today } from '$lib/survey/days';
import { testEngines } from '../db/testing';
import type * as devices from '../devices/devices.repository';
import type * as users from '../people/users.repository';
import { aKiosk, aResponse, aUnit, aUser } from '../factories';
import { countersAndRecount, seedUnits, useTestDatabase, valueOf } from '../testing';
import { unitIndices } from '../dashboard/aggregates';
import { instrumentFor } from '../instruments/service';
import { ingest } from '../responses/ingest';
import { limits, sync } from '../responses/sync';
import { sign, verify, type DossierLink } from './links';
import { mintInput, mintLink } from './service';

const origin = 'https://sipas.example.vn';
const now = () => new Date().toISOString();

describe.each(testEngines())('one dossier, one rating [%s]', (engine) => {
	const t = useTestDatabase(engine);
	let clerk: users.User;
	let otherClerk: users.User;
	let kiosk: devices.Device;
	const mint = async (dossier: string, by: users.User | null = clerk, unit = 'DEMO.X01') =>
		mintLink(
			t.db,
			mintInput.parse({ unit, dossier }),
			by ? { user: by } : { service: true },
			origin
		);
	const rating = (link: DossierLink, over: Partial<ResponseInput> = {}) =>
		aResponse({
			unit: link.unit,
			channel: 'dossier',
			submittedAt: now(),
			answers: { A1: 5, A2: 4 },
			dossier: { code: link.dossier, expires: link.expires, signature: link.signature },
			...over
		});
	const statuses = async (batch: ResponseInput[]) =>
		(await ingest(t.db, batch, { public: true })).map((r) => [
			r.status,
			...(r.issues ?? []).map((i) => i.key)
		]);

	beforeAll(async () => {
		await seedUnits(t.db);
		clerk = await aUser(t.db, { username: 'nv' });
		otherClerk = await aUser(t.db, { username: 'nvb', unitCode: 'DEMO.X02' });
		({ device: kiosk } = await aKiosk(t.db));
	});

	it('signs a link for a dossier of a unit open today, minted by its staff or the service', async () => {
		const link = valueOf(await mint('000.00.12.H26-251201-0001'));
		expect(link.url).toBe(
			`${origin}/r/DEMO.X01?d=000.00.12.H26-251201-0001&e=${link.expires}&s=${link.signature}`
		);
		expect(link.expires > today()).toBe(true);
		expect(await verify(t.db, link)).toBe(true);
		for (const forged of [
			{ ...link, dossier: '000.00.12.H26-251201-0002' },
			{ ...link, unit: 'DEMO.X02' },
			{ ...link, expires: '2099-12-31' },
			{ ...link, signature: 'A'.repeat(22) }
		])
			expect(await verify(t.db, forged)).toBe(false);
		expect(await mint('HS-1', otherClerk)).toMatchObject({ ok: false, reason: 'forbidden' });
		expect((await mint('HS-1', null, 'DEMO.X02')).ok).toBe(true);
		await aUnit(t.db, { code: 'DEMO.X98', validTo: '2025-12-31' });
		expect(await mint('HS-1', null, 'DEMO.X98')).toMatchObject({
			ok: false,
			reason: 'unitNotFound'
		});
		expect(mintInput.safeParse({ unit: 'DEMO.X01', dossier: 'HS 1' }).success).toBe(false);
		expect(mintInput.parse({ unit: 'DEMO.X01', dossier: 'HS-1', days: '' }).days).toBe(30);
		expect(mintInput.safeParse({ unit: 'DEMO.X01', dossier: 'HS-1', days: '0' }).success).toBe(
			false
		);
	});

	it('counts the first rating of a dossier on its own channel, holds a second, refuses a forged link', async () => {
		const link = valueOf(await mint('HS-2026-0002'));
		const [first, again, sameAgain] = [rating(link), rating(link), rating(link)];
		expect(await statuses([first])).toEqual([['created']]);
		expect(await statuses([again, first])).toEqual([['created'], ['duplicate']]);
		const stored = await t.db.query<{ status: string; hold_reason: string | null }>(
			'select status, hold_reason from responses where id = any($1::uuid[]) order by status desc',
			[[first.id, again.id]]
		);
		expect(stored).toEqual([
			{ status: 'valid', hold_reason: null },
			{ status: 'held', hold_reason: 'dossier' }
		]);
		const counted = await unitIndices(t.db, {
			unit: 'DEMO.X01',
			instrument: (await instrumentFor(t.db, 'sipas-service-2023', 1))!,
			period: { from: today(), to: today() },
			channel: 'dossier'
		});
		expect(counted.respondents).toBe(1);

		const other = valueOf(await mint('HS-2026-0003'));
		expect(
			await statuses([
				rating(other, { dossier: { ...rating(other).dossier!, signature: 'B'.repeat(22) } }),
				rating(other, { unit: 'DEMO.X02' }),
				rating({ ...other, expires: '2025-12-01' }),
				rating(other, { channel: 'web' }),
				rating(other, { dossier: undefined }),
				sameAgain
			])
		).toEqual([
			['invalid', 'issue.dossierLink'],
			['invalid', 'issue.dossierLink'],
			['invalid', 'issue.dossierLink'],
			['invalid', 'issue.dossierLink'],
			['invalid', 'issue.dossierLink'],
			['created']
		]);
		expect(
			(await ingest(t.db, [rating(other, { channel: 'kiosk' })], { device: kiosk }))[0]!.issues?.[0]
				?.key
		).toBe('issue.channel');
		const expired = await sign(t.db, {
			unit: 'DEMO.X01',
			dossier: 'HS-OLD',
			expires: '2026-01-31'
		});
		expect(await statuses([rating(expired)])).toEqual([['invalid', 'issue.dossierExpired']]);
		const { stored: counters, recount } = await countersAndRecount(t.db);
		expect(counters).toEqual(recount);
	});

	it('takes dossier ratings past the public link’s flood limit from one address', async () => {
		const links = await Promise.all(
			Array.from({ length: limits.flood.hits + 5 }, async (_, i) =>
				valueOf(await mint(`HS-FLOOD-${i}`, null))
			)
		);
		const outcome = valueOf(
			await sync(t.db, { responses: links.map((l) => rating(l)) }, { public: true }, '203.0.113.7')
		);
		expect(outcome.every((r) => r.status === 'created')).toBe(true);
		const held = await t.db.query<{ n: number }>(
			`select count(*)::int as n from responses where dossier_code like 'HS-FLOOD-%' and status = 'held'`
		);
		expect(held[0]!.n).toBe(0);
	});

	it('keeps one key for every instance: a link signed once verifies again', async () => {
		const link = await sign(t.db, { unit: 'DEMO.X01', dossier: 'K-1', expires: '2026-12-31' });
		expect(await verify(t.db, link)).toBe(true);
		const keys = await t.db.query<{ n: number }>('select count(*)::int as n from server_keys');
		expect(keys[0]!.n).toBe(1);
	});
});
