/**
 * The periods a dashboard reads, as they appear in its address: a year (`2025`), a quarter
 * (`2025-Q3`), a month (`2025-07`) or any inclusive range of days (`2025-01-06..2025-06-30`).
 * Short, readable keys keep a view bookmarkable and shareable.
 */

export type PeriodKind = 'year' | 'quarter' | 'month' | 'custom';

export interface NamedPeriod {
	kind: PeriodKind;
	/** The key as written in the address. */
	key: string;
	/** Inclusive ISO days. */
	from: string;
	to: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
const realDay = (text: string) =>
	/^\d{4}-\d{2}-\d{2}$/.test(text) &&
	!Number.isNaN(Date.parse(text)) &&
	iso(Date.parse(text)) === text;
/** The last day of month `m` (1-based) of year `y`. */
const monthEnd = (y: number, m: number) => iso(Date.UTC(y, m, 0));

/** Reads a period key; null when it is not one (or a range ends before it starts). */
export function parsePeriod(key: string): NamedPeriod | null {
	let match = /^(\d{4})$/.exec(key);
	if (match) {
		const y = +match[1]!;
		return { kind: 'year', key, from: `${y}-01-01`, to: `${y}-12-31` };
	}
	match = /^(\d{4})-Q([1-4])$/.exec(key);
	if (match) {
		const y = +match[1]!;
		const q = +match[2]!;
		return { kind: 'quarter', key, from: `${y}-${pad(3 * q - 2)}-01`, to: monthEnd(y, 3 * q) };
	}
	match = /^(\d{4})-(\d{2})$/.exec(key);
	if (match && +match[2]! >= 1 && +match[2]! <= 12) {
		const y = +match[1]!;
		const m = +match[2]!;
		return { kind: 'month', key, from: `${y}-${pad(m)}-01`, to: monthEnd(y, m) };
	}
	match = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(key);
	if (match && realDay(match[1]!) && realDay(match[2]!) && match[1]! <= match[2]!) {
		return { kind: 'custom', key, from: match[1]!, to: match[2]! };
	}
	return null;
}

/** The period from–to by its name where it has one (a year, quarter or month), else custom. */
export function namedPeriod(from: string, to: string): NamedPeriod | null {
	const year = from.slice(0, 4);
	const month = +from.slice(5, 7);
	const names = [year, `${year}-Q${Math.ceil(month / 3)}`, from.slice(0, 7)];
	for (const key of names) {
		const period = parsePeriod(key);
		if (period && period.from === from && period.to === to) return period;
	}
	return parsePeriod(`${from}..${to}`);
}

/** The same day a year earlier (29 February becomes 28 February). */
export function dayYearBefore(day: string): string {
	const [y, m, d] = day.split('-').map(Number) as [number, number, number];
	const date = new Date(Date.UTC(y - 1, m - 1, d));
	if (date.getUTCMonth() !== m - 1) date.setUTCDate(0);
	return iso(date.getTime());
}

/** The same period a year before: the default to compare with. */
export function yearBefore(period: NamedPeriod): NamedPeriod {
	const year = (day: string) => String(+day.slice(0, 4) - 1);
	switch (period.kind) {
		case 'year':
			return parsePeriod(year(period.from))!;
		case 'quarter':
			return parsePeriod(`${year(period.from)}${period.key.slice(4)}`)!;
		case 'month':
			return parsePeriod(`${year(period.from)}${period.key.slice(4)}`)!;
		case 'custom': {
			const from = dayYearBefore(period.from);
			const to = dayYearBefore(period.to);
			return { kind: 'custom', key: `${from}..${to}`, from, to };
		}
	}
}

/** The period key of a whole year, quarter or month containing `day`. */
export function periodContaining(kind: Exclude<PeriodKind, 'custom'>, day: string): string {
	const y = day.slice(0, 4);
	const m = +day.slice(5, 7);
	return kind === 'year' ? y : kind === 'quarter' ? `${y}-Q${Math.ceil(m / 3)}` : `${y}-${pad(m)}`;
}

/** Days in an inclusive range. */
export function daysIn(from: string, to: string): number {
	return Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000) + 1;
}

/**
 * Dossiers handled in a period from yearly counts, each year pro rata to the days of it the
 * period covers; null when a year the period touches has no count.
 */
export function dossiersIn(
	period: { from: string; to: string },
	perYear: ReadonlyMap<number, number>
): number | null {
	let total = 0;
	for (let year = +period.from.slice(0, 4); year <= +period.to.slice(0, 4); year++) {
		const count = perYear.get(year);
		if (count === undefined) return null;
		const from = period.from > `${year}-01-01` ? period.from : `${year}-01-01`;
		const to = period.to < `${year}-12-31` ? period.to : `${year}-12-31`;
		total += (count * daysIn(from, to)) / daysIn(`${year}-01-01`, `${year}-12-31`);
	}
	return Math.round(total);
}

/**
 * The periods a dashboard offers, newest year first: each year, its quarters and its months,
 * as far as they have begun by `today`.
 */
export function periodOptions(
	today: string,
	years = 6
): { year: string; periods: NamedPeriod[] }[] {
	const last = +today.slice(0, 4);
	const out: { year: string; periods: NamedPeriod[] }[] = [];
	for (let year = last; year > last - years; year--) {
		const keys = [
			`${year}`,
			...[1, 2, 3, 4].map((q) => `${year}-Q${q}`),
			...Array.from({ length: 12 }, (_, m) => `${year}-${pad(m + 1)}`)
		];
		const periods = keys.map((key) => parsePeriod(key)!).filter((p) => p.from <= today);
		out.push({ year: `${year}`, periods });
	}
	return out;
}
