import type { DashboardQuery } from '$lib/survey/dashboard';
import { satisfactionScales, score766 } from '$lib/survey/indices';
import type { Unit } from '$lib/survey/units';
import type { Queryable } from '../db';
import * as quickRatings from './quickRatings.repository';
import * as units from '../units/units.repository';
import { trend } from './trend';
import type { Period } from './counts';
import { latestInstrument } from '../instruments/service';
import { trendWindow } from './service';

/**
 * The counter ratings (one tap, three levels) of a view: per unit and counter the satisfied
 * share and the satisfaction points of the service index (QĐ 766), now and in the compare
 * period, and the points month by month.
 */

export interface CounterRow {
	unit: string;
	unitName: string;
	/** Null: the unit as a whole. */
	counter: string | null;
	whole: boolean;
	ratings: number;
	share: number | null;
	score: number;
	previousScore: number | null;
}

const satisfied = satisfactionScales.L3.satisfied as readonly number[];

interface Tally {
	ratings: number;
	satisfied: number;
}

async function tallies(q: Queryable, codes: readonly string[], period: Period) {
	const out = new Map<string, Tally>();
	for (const row of await quickRatings.byCounter(q, { units: codes, ...period })) {
		for (const key of [`${row.unit}\u0000${row.counter ?? ''}`, `${row.unit}\u0000*`]) {
			const tally = out.get(key) ?? { ratings: 0, satisfied: 0 };
			tally.ratings += row.n;
			if (satisfied.includes(row.level)) tally.satisfied += row.n;
			out.set(key, tally);
		}
	}
	return out;
}

export async function quickView(q: Queryable, query: DashboardQuery, unit: Unit) {
	const codes = await units.subtreeCodes(q, unit.code);
	const names = new Map((await units.list(q, codes)).map((u) => [u.code, u.name]));
	const instrument = await latestInstrument(q, 'quick-rating');
	const [now, before, months] = await Promise.all([
		tallies(q, codes, query.reading),
		query.compare ? tallies(q, codes, query.compare) : undefined,
		instrument
			? trend(q, { instrument, unit: unit.code, period: trendWindow(query), bucket: 'month' })
			: []
	]);
	const rows: CounterRow[] = [...now].map(([key, tally]) => {
		const [code, counter] = key.split('\u0000') as [string, string];
		const prior = before?.get(key);
		return {
			unit: code,
			unitName: names.get(code) ?? code,
			counter: counter === '*' || counter === '' ? null : counter,
			whole: counter === '*',
			ratings: tally.ratings,
			share: tally.ratings ? (100 * tally.satisfied) / tally.ratings : null,
			score: score766(tally.satisfied, tally.ratings),
			previousScore: prior ? score766(prior.satisfied, prior.ratings) : null
		};
	});
	rows.sort(
		(a, b) =>
			a.unitName.localeCompare(b.unitName, 'vi') ||
			Number(b.whole) - Number(a.whole) ||
			(a.counter ?? '').localeCompare(b.counter ?? '', 'vi')
	);
	return {
		rows,
		trend: months.map((m) => ({
			label: m.label,
			n: m.n,
			share: m.index,
			score: m.index === null ? null : score766(m.index, 100)
		}))
	};
}
