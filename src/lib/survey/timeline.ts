import type { Unit } from './units';

/**
 * Units through time (the 2025 reorganisation): a unit's name and parent hold for dated spans,
 * units begin and end, and new units name the units they were formed from. Which answers
 * count toward which unit is decided here, day by day, from the tree as it stood that day;
 * the counting itself stays in the index engine (`indices.ts`). See `docs/method.md`, "Units
 * through time".
 */

export interface Period {
	from: string;
	to: string;
}

/** An earlier name and parent of a unit, in force up to `validTo` (inclusive). */
export interface PastVersion {
	validTo: string;
	name: string;
	parentCode: string | null;
}

/** One span of a unit's life with one name and one parent. */
export interface UnitVersion {
	validFrom: string | null;
	validTo: string | null;
	name: string;
	parentCode: string | null;
}

export type DatedUnit = Pick<
	Unit,
	| 'code'
	| 'name'
	| 'kind'
	| 'parentCode'
	| 'validFrom'
	| 'validTo'
	| 'successorCodes'
	| 'predecessorCodes'
> & {
	/** Earlier versions; the unit's own name and parent hold after the last of them. */
	history: readonly PastVersion[];
};

/** Where a unit's comparison value comes from when it did not exist for all of that period. */
export type ComparedWith = 'predecessors' | 'new';

/** One piece of a period with one tree: which units each unit's answers count toward. */
export interface Piece {
	period: Period;
	owners: Map<string, readonly string[]>;
	/**
	 * The member every unit of the piece counts toward, when there is one: its answers over
	 * the piece are all the answers of those days, which the tree's own counters hold (every
	 * answer lies in its unit's life: admission, and `lifeProblems` when the dates change).
	 */
	whole?: string;
}

const DAY = 86_400_000;
const shift = (day: string, days: number) =>
	new Date(Date.parse(day) + days * DAY).toISOString().slice(0, 10);
export const nextDay = (day: string) => shift(day, 1);
export const dayBefore = (day: string) => shift(day, -1);

/** The spans of a unit's life, oldest first: its history, then its current name and parent. */
export function versionsOf(unit: DatedUnit): UnitVersion[] {
	const out: UnitVersion[] = [];
	let from = unit.validFrom;
	for (const past of [...unit.history].sort((a, b) => a.validTo.localeCompare(b.validTo))) {
		out.push({
			validFrom: from,
			validTo: past.validTo,
			name: past.name,
			parentCode: past.parentCode
		});
		from = nextDay(past.validTo);
	}
	out.push({
		validFrom: from,
		validTo: unit.validTo,
		name: unit.name,
		parentCode: unit.parentCode
	});
	return out;
}

const aliveOn = (unit: Pick<Unit, 'validFrom' | 'validTo'>, day: string) =>
	(!unit.validFrom || unit.validFrom <= day) && (!unit.validTo || unit.validTo >= day);

/** The part of `period` a unit existed in, or null. */
export function lifeIn(unit: Pick<Unit, 'validFrom' | 'validTo'>, period: Period): Period | null {
	const from = unit.validFrom && unit.validFrom > period.from ? unit.validFrom : period.from;
	const to = unit.validTo && unit.validTo < period.to ? unit.validTo : period.to;
	return from <= to ? { from, to } : null;
}

const monthsBetween = (from: string, to: string) =>
	(+to.slice(0, 4) - +from.slice(0, 4)) * 12 + (+to.slice(5, 7) - +from.slice(5, 7)) + 1;

/**
 * How much of a period a unit existed in, in the period's calendar months ("5 of 12"), when
 * it did not exist for all of it; null when it did.
 */
export function coverage(
	unit: Pick<Unit, 'validFrom' | 'validTo'>,
	period: Period
): { months: number; of: number } | null {
	const life = lifeIn(unit, period);
	if (life && life.from === period.from && life.to === period.to) return null;
	return {
		months: life ? monthsBetween(life.from, life.to) : 0,
		of: monthsBetween(period.from, period.to)
	};
}

/** The one member all the units alive in a piece count toward, if there is one. */
function soleOwner(
	alive: ReadonlySet<string>,
	owners: ReadonlyMap<string, readonly string[]>
): string | undefined {
	if (alive.size === 0 || owners.size !== alive.size) return undefined;
	const [first] = owners.values();
	const sole = first!.length === 1 ? first![0] : undefined;
	for (const to of owners.values()) if (to.length !== 1 || to[0] !== sole) return undefined;
	return sole;
}

/** A set of units read as a tree through time. */
export class Timeline {
	readonly units: ReadonlyMap<string, DatedUnit>;
	private readonly versions = new Map<string, UnitVersion[]>();
	private readonly direct = new Map<string, Set<string>>();

	constructor(list: readonly DatedUnit[]) {
		this.units = new Map(list.map((unit) => [unit.code, unit]));
		for (const unit of list) {
			this.versions.set(unit.code, versionsOf(unit));
			for (const code of unit.predecessorCodes) this.link(code, unit.code);
			for (const code of unit.successorCodes) this.link(unit.code, code);
		}
	}

	private link(predecessor: string, successor: string) {
		if (!this.units.has(predecessor) || !this.units.has(successor)) return;
		this.direct.set(successor, (this.direct.get(successor) ?? new Set()).add(predecessor));
	}

	/** The units a unit was formed from, directly. */
	predecessors(code: string): string[] {
		return [...(this.direct.get(code) ?? [])];
	}

	/** Every unit a unit was formed from, at any remove (its predecessors' predecessors too). */
	lineage(code: string): Set<string> {
		const out = new Set<string>();
		for (const stack = [code]; stack.length;) {
			for (const p of this.direct.get(stack.pop()!) ?? []) {
				if (p === code || out.has(p)) continue;
				out.add(p);
				stack.push(p);
			}
		}
		return out;
	}

	/** The unit's name and parent on `day` (its first or last ones outside its life). */
	versionAt(code: string, day: string): UnitVersion | undefined {
		const list = this.versions.get(code);
		return list?.find((v) => !v.validTo || v.validTo >= day) ?? list?.at(-1);
	}

	/**
	 * The pieces of a period with one tree each: cut wherever a unit begins, ends, or takes
	 * another name or parent (for the 2025 reform, on 1 July 2025).
	 */
	pieces(period: Period): Period[] {
		const cuts = new Set<string>();
		const cut = (day: string | null) => {
			if (day && day > period.from && day <= period.to) cuts.add(day);
		};
		for (const unit of this.units.values()) {
			cut(unit.validFrom);
			if (unit.validTo) cut(nextDay(unit.validTo));
			for (const past of unit.history) cut(nextDay(past.validTo));
		}
		const starts = [period.from, ...[...cuts].sort()];
		return starts.map((from, i) => ({
			from,
			to: starts[i + 1] ? dayBefore(starts[i + 1]!) : period.to
		}));
	}

	/** The unit and its ancestors on `day`, nearest first. */
	private *chain(code: string, day: string): Generator<string> {
		const seen = new Set<string>();
		for (let at: string | null | undefined = code; at && !seen.has(at);) {
			seen.add(at);
			yield at;
			at = this.versionAt(at, day)?.parentCode;
		}
	}

	/**
	 * The units of `kind` ranked in the block of `parent` over a period: those that existed
	 * in it and stood below the parent (or a unit it was formed from) on a day they existed.
	 */
	members(parent: string, kind: Unit['kind'], period: Period): DatedUnit[] {
		const roots = new Set([parent, ...this.lineage(parent)]);
		const pieces = this.pieces(period);
		return [...this.units.values()].filter(
			(unit) =>
				unit.kind === kind &&
				!roots.has(unit.code) &&
				pieces.some((piece) => {
					const life = lifeIn(unit, piece);
					if (!life) return false;
					for (const at of this.chain(unit.code, life.from)) if (roots.has(at)) return true;
					return false;
				})
		);
	}

	/**
	 * Which members each unit's answers count toward, piece by piece: the nearest member above
	 * it (or itself) that existed that day. With `fill`, on days a member did not exist its
	 * predecessors' answers count toward it instead (pooled; a predecessor split in two counts
	 * toward both), unless the predecessor is itself a member: a comparison for a new unit,
	 * or a unit viewed over days before it existed.
	 *
	 * A unit has answers only on days it existed (admission refuses others, `admission.ts`), so
	 * a piece maps only the units that existed in it, and neighbouring pieces in which every
	 * unit that existed in both counts toward the same members are one piece: the reform year
	 * of a province is read as one year of counters, not as two halves of month counters,
	 * unless a unit that went on moved.
	 */
	attribution(members: readonly string[], period: Period, fill: boolean): Piece[] {
		const memberSet = new Set(members);
		const lineages = fill ? members.map((m) => [m, this.lineage(m)] as const) : [];
		const out: (Piece & { alive: Set<string> })[] = [];
		for (const piece of this.pieces(period)) {
			const day = piece.from;
			const heirs = new Map<string, string[]>();
			for (const [member, lineage] of lineages) {
				if (aliveOn(this.units.get(member)!, day)) continue;
				for (const p of lineage)
					if (!memberSet.has(p)) heirs.set(p, [...(heirs.get(p) ?? []), member]);
			}
			const alive = new Set<string>();
			const owners = new Map<string, readonly string[]>();
			for (const [code, unit] of this.units) {
				if (!aliveOn(unit, day)) continue;
				alive.add(code);
				for (const at of this.chain(code, day)) {
					if (memberSet.has(at) && aliveOn(this.units.get(at)!, day)) {
						owners.set(code, [at]);
						break;
					}
					const to = heirs.get(at);
					if (to) {
						owners.set(code, to);
						break;
					}
				}
			}
			const whole = soleOwner(alive, owners);
			const last = out.at(-1);
			const same = (code: string) =>
				(last!.owners.get(code) ?? []).join() === (owners.get(code) ?? []).join();
			if (last && [...alive].every((code) => !last.alive.has(code) || same(code))) {
				last.period = { from: last.period.from, to: piece.to };
				for (const [code, to] of owners) last.owners.set(code, to);
				for (const code of alive) last.alive.add(code);
				if (last.whole !== whole) last.whole = undefined;
			} else out.push({ period: piece, owners, alive, whole });
		}
		return out.map(({ period: piece, owners, whole }) =>
			whole ? { period: piece, owners, whole } : { period: piece, owners }
		);
	}

	/**
	 * What a member's comparison over `period` stands on, where it did not exist for all of
	 * it: its predecessors' answers, or nothing (a new unit). Null when it existed throughout.
	 */
	comparedWith(code: string, period: Period): ComparedWith | null {
		const unit = this.units.get(code);
		if (!unit || !coverage(unit, period)) return null;
		return this.lineage(code).size ? 'predecessors' : lifeIn(unit, period) ? null : 'new';
	}
}
