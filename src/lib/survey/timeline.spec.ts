import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { coverage, lifeIn, Timeline, versionsOf, type DatedUnit } from './timeline';

const unit = (over: Partial<DatedUnit> & Pick<DatedUnit, 'code' | 'kind'>): DatedUnit => ({
	name: over.code,
	parentCode: null,
	validFrom: null,
	validTo: null,
	successorCodes: [],
	predecessorCodes: [],
	history: [],
	...over
});

/**
 * A province through the 2025 reform: district H (ended 30/06/2025, no successor) with old
 * communes A and B, merged into the new commune X on 01/07/2025; commune K, which stayed, moved
 * from H to the province the same day; department S throughout.
 */
const province = () =>
	new Timeline([
		unit({ code: 'P', kind: 'province' }),
		unit({ code: 'S', kind: 'department', parentCode: 'P' }),
		unit({ code: 'H', kind: 'district', parentCode: 'P', validTo: '2025-06-30' }),
		unit({ code: 'A', kind: 'commune', parentCode: 'H', validTo: '2025-06-30' }),
		unit({ code: 'B', kind: 'commune', parentCode: 'H', validTo: '2025-06-30' }),
		unit({
			code: 'X',
			kind: 'commune',
			parentCode: 'P',
			validFrom: '2025-07-01',
			predecessorCodes: ['A', 'B']
		}),
		unit({
			code: 'K',
			kind: 'commune',
			parentCode: 'P',
			history: [{ validTo: '2025-06-30', name: 'Xã K (cũ)', parentCode: 'H' }]
		})
	]);

const year = (y: number) => ({ from: `${y}-01-01`, to: `${y}-12-31` });
const codes = (list: { code: string }[]) => list.map((u) => u.code).sort();

describe('units through time', () => {
	it('gives a unit dated versions: its history, then its current name and parent', () => {
		expect(versionsOf(province().units.get('K')!)).toEqual([
			{ validFrom: null, validTo: '2025-06-30', name: 'Xã K (cũ)', parentCode: 'H' },
			{ validFrom: '2025-07-01', validTo: null, name: 'K', parentCode: 'P' }
		]);
		expect(province().versionAt('K', '2025-06-30')?.parentCode).toBe('H');
		expect(province().versionAt('K', '2025-07-01')?.parentCode).toBe('P');
	});

	it('cuts a period where the tree changes, and nowhere else', () => {
		const timeline = province();
		expect(timeline.pieces(year(2025))).toEqual([
			{ from: '2025-01-01', to: '2025-06-30' },
			{ from: '2025-07-01', to: '2025-12-31' }
		]);
		expect(timeline.pieces(year(2026))).toEqual([year(2026)]);
	});

	it('ranks in a block the units that existed in the period, below the parent as it stood', () => {
		const timeline = province();
		// 2026: the district closed on 30/06/2025 is not ranked, whatever still points at it.
		expect(codes(timeline.members('P', 'district', year(2026)))).toEqual([]);
		expect(codes(timeline.members('P', 'commune', year(2026)))).toEqual(['K', 'X']);
		expect(codes(timeline.members('P', 'commune', year(2024)))).toEqual(['A', 'B', 'K']);
		expect(codes(timeline.members('H', 'commune', year(2024)))).toEqual(['A', 'B', 'K']);
		// The district's own history keeps the commune that moved away.
		expect(codes(timeline.members('H', 'commune', year(2026)))).toEqual([]);
		expect(codes(timeline.members('P', 'commune', year(2025)))).toEqual(['A', 'B', 'K', 'X']);
	});

	it('counts an answer toward the unit it stood under that day, in two pieces when it moved', () => {
		const [before, after] = province().attribution(['H', 'S'], year(2025), false);
		expect(before!.period).toEqual({ from: '2025-01-01', to: '2025-06-30' });
		expect(before!.owners.get('K')).toEqual(['H']);
		expect(before!.owners.get('A')).toEqual(['H']);
		expect(after!.owners.get('K')).toBeUndefined();
		expect(after!.owners.get('S')).toEqual(['S']);
		expect(before!.whole).toBeUndefined();
	});

	it('gives every answer of a piece to one member only where all its units count toward it', () => {
		const timeline = province();
		expect(timeline.attribution(['P'], year(2025), true).map((p) => p.whole)).toEqual(['P']);
		// The district owned everything below it, not the department beside it.
		expect(timeline.attribution(['H'], year(2024), true).map((p) => p.whole)).toEqual([undefined]);
		// Two members share the province.
		expect(timeline.attribution(['S', 'H'], year(2024), true)[0]!.whole).toBeUndefined();
		// A tree of one unit is whole too.
		const alone = new Timeline([unit({ code: 'P', kind: 'province' })]);
		expect(alone.attribution(['P'], year(2025), true)[0]!.whole).toBe('P');
	});

	it("compares a new unit with its predecessors' answers, pooled, on the days before it", () => {
		const timeline = province();
		// One piece: every unit that went on through 01/07/2025 kept its place.
		const [piece, more] = timeline.attribution(['X', 'K'], year(2025), true);
		expect(more).toBeUndefined();
		expect(piece!.period).toEqual(year(2025));
		expect(piece!.owners.get('A')).toEqual(['X']);
		expect(piece!.owners.get('B')).toEqual(['X']);
		expect(piece!.owners.get('K')).toEqual(['K']);
		expect(piece!.owners.get('X')).toEqual(['X']);
		// Without filling, a ranking of 2025 keeps the old communes to themselves.
		const [plain] = timeline.attribution(['X', 'A'], year(2025), false);
		expect(plain!.owners.get('A')).toEqual(['A']);
		expect(plain!.owners.get('B')).toBeUndefined();
		expect(timeline.comparedWith('X', year(2024))).toBe('predecessors');
		expect(timeline.comparedWith('K', year(2024))).toBeNull();
	});

	it('names a unit with no predecessors new, and flags a unit that existed in part', () => {
		const timeline = new Timeline([
			unit({ code: 'P', kind: 'province' }),
			unit({ code: 'N', kind: 'commune', parentCode: 'P', validFrom: '2026-06-01' })
		]);
		expect(timeline.comparedWith('N', year(2025))).toBe('new');
		expect(coverage(timeline.units.get('N')!, year(2026))).toEqual({ months: 7, of: 12 });
		expect(coverage(province().units.get('H')!, year(2025))).toEqual({ months: 6, of: 12 });
		expect(coverage(province().units.get('S')!, year(2025))).toBeNull();
	});

	it("lets a merged province read its predecessors' units", () => {
		const timeline = new Timeline([
			unit({ code: 'P1', kind: 'province', validTo: '2025-06-30', successorCodes: ['P'] }),
			unit({ code: 'P2', kind: 'province', validTo: '2025-06-30', successorCodes: ['P'] }),
			unit({ code: 'P', kind: 'province', validFrom: '2025-07-01' }),
			unit({ code: 'S1', kind: 'department', parentCode: 'P1', validTo: '2025-06-30' }),
			unit({ code: 'S2', kind: 'department', parentCode: 'P2', validTo: '2025-06-30' })
		]);
		expect(codes(timeline.members('P', 'department', year(2024)))).toEqual(['S1', 'S2']);
		const [piece] = timeline.attribution(['P'], year(2024), true);
		expect(piece!.owners.get('S1')).toEqual(['P']);
		expect(piece!.owners.get('S2')).toEqual(['P']);
		expect(piece!.whole).toBe('P');
		expect([...timeline.lineage('P')].sort()).toEqual(['P1', 'P2']);
	});

	it('counts each answer once in a ranking, toward a unit of that day, and all of them in the root', () => {
		// Random trees through one reform day: each unit lives before, after or throughout,
		// moves or not, and may name earlier units as predecessors.
		const arbitraryTree = fc
			.array(
				fc.record({
					parent: fc.nat(),
					movedTo: fc.option(fc.nat(), { nil: undefined }),
					life: fc.constantFrom('always', 'before', 'after'),
					from: fc.array(fc.nat(), { maxLength: 2 })
				}),
				{ minLength: 1, maxLength: 12 }
			)
			.map(
				(specs) =>
					new Timeline([
						unit({ code: 'U0', kind: 'province' }),
						...specs.map((spec, i) => {
							const code = `U${i + 1}`;
							const parentOf = (n: number) => `U${n % (i + 1)}`;
							return unit({
								code,
								kind: 'commune',
								parentCode: parentOf(spec.movedTo ?? spec.parent),
								validFrom: spec.life === 'after' ? '2025-07-01' : null,
								validTo: spec.life === 'before' ? '2025-06-30' : null,
								predecessorCodes: spec.from.map((n) => `U${n % (i + 1) || 1}`),
								history:
									spec.movedTo === undefined || spec.life !== 'always'
										? []
										: [{ validTo: '2025-06-30', name: code, parentCode: parentOf(spec.parent) }]
							});
						})
					])
			);
		fc.assert(
			fc.property(arbitraryTree, fc.constantFrom(2024, 2025, 2026), (timeline, y) => {
				const members = timeline.members('U0', 'commune', year(y)).map((m) => m.code);
				const alive = (code: string, day: string) => {
					const u = timeline.units.get(code)!;
					return (!u.validFrom || u.validFrom <= day) && (!u.validTo || u.validTo >= day);
				};
				const aliveIn = (code: string, period: { from: string; to: string }) =>
					lifeIn(timeline.units.get(code)!, period);
				for (const piece of timeline.attribution(members, year(y), false)) {
					// Once, toward a unit that existed on the unit's days; a member's own to itself.
					for (const [code, owners] of piece.owners) {
						expect(owners).toHaveLength(1);
						const life = aliveIn(code, piece.period)!;
						expect(alive(owners[0]!, life.from) && alive(owners[0]!, life.to)).toBe(true);
					}
					for (const m of members)
						if (aliveIn(m, piece.period)) expect(piece.owners.get(m)).toEqual([m]);
				}
				// The root counts every answer: each unit that existed in a piece maps to it, so
				// the tree's own counters hold its figure.
				for (const piece of timeline.attribution(['U0'], year(y), true)) {
					const existed = [...timeline.units.keys()].filter((code) => aliveIn(code, piece.period));
					expect([...piece.owners.keys()].sort()).toEqual(existed.sort());
					expect(piece.whole).toBe('U0');
				}
			})
		);
	});
});
