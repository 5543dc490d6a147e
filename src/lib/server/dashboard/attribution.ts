import { Timeline, type Piece } from '$lib/survey/timeline';
import { WHOLE } from '$lib/survey/rollups';
import type { Queryable } from '../db';
import * as units from '../units/units.repository';
import { channels, type Channel } from '$lib/survey/channels';
import { countsByUnit, merge, respondentsByChannel, type CountFilter, type Counts } from './counts';
import { addFlags, flagsByUnit, type FlagTally } from './flags';

/**
 * Counting through time: the answer counts of each piece of a period (one tree per piece,
 * `Timeline.pieces`), summed toward the units that own them (`Timeline.attribution`). A piece
 * one member owns whole (the province's own figure) is read from the tree's own counters.
 */

/** The whole tree through time (a province's units: a few hundred rows). */
export async function timelineOf(q: Queryable): Promise<Timeline> {
	return new Timeline(await units.listDated(q));
}

/** Counts per unit, one map per piece of the period. */
export type PieceCounts = Map<string, Counts>[];

type Filter = Omit<CountFilter, 'units' | 'period'>;

/** The units to read for a piece: the tree's own counters where one member owns them all. */
export const unitsToRead = (piece: Piece | undefined): string[] =>
	!piece ? [] : piece.whole ? [WHOLE] : [...piece.owners.keys()];

/**
 * Reads the counts each piece needs, once for several attributions of the same period (the
 * unit's own figure and its block's ranking read the same answers).
 */
export async function readPieces(
	q: Queryable,
	filter: Filter,
	...attributions: readonly Piece[][]
): Promise<PieceCounts> {
	const pieces = attributions[0] ?? [];
	return Promise.all(
		pieces.map((piece, i) => {
			const codes = new Set(attributions.flatMap((a) => unitsToRead(a[i])));
			return codes.size
				? countsByUnit(q, { ...filter, units: [...codes], period: piece.period })
				: new Map<string, Counts>();
		})
	);
}

/** Each owner's counts, summed over the pieces. */
export function byOwner(pieces: readonly Piece[], read: PieceCounts): Map<string, Counts> {
	const grouped = new Map<string, Counts[]>();
	const give = (owner: string, counts: Counts) =>
		grouped.set(owner, [...(grouped.get(owner) ?? []), counts]);
	pieces.forEach((piece, i) => {
		const counts = read[i] ?? new Map<string, Counts>();
		if (piece.whole) {
			const all = counts.get(WHOLE);
			if (all) give(piece.whole, all);
			return;
		}
		for (const [code, unitCounts] of counts)
			for (const owner of piece.owners.get(code) ?? []) give(owner, unitCounts);
	});
	return new Map([...grouped].map(([code, list]) => [code, merge(list)]));
}

/** Reads and sums in one step. */
export async function countsByOwner(
	q: Queryable,
	filter: Filter,
	pieces: readonly Piece[]
): Promise<Map<string, Counts>> {
	return byOwner(pieces, await readPieces(q, filter, [...pieces]));
}

/** The data-quality flags of each owner's answers, summed over the pieces. */
export async function flagsByOwner(
	q: Queryable,
	filter: FlagFilter,
	pieces: readonly Piece[]
): Promise<Map<string, FlagTally>> {
	const [flags] = await flagsByOwners(q, filter, [...pieces]);
	return flags ?? new Map();
}

type FlagFilter = Pick<Filter, 'instrument' | 'channel' | 'field'>;

/**
 * The same for several attributions of one period, each piece's flagged answers read once (a
 * unit's own figure and its block's ranking count the same answers, as `readPieces`).
 */
export async function flagsByOwners(
	q: Queryable,
	filter: FlagFilter,
	...attributions: readonly Piece[][]
): Promise<Map<string, FlagTally>[]> {
	const pieces = attributions[0] ?? [];
	const read = await Promise.all(
		pieces.map((piece, i) => {
			const codes = new Set(attributions.flatMap((a) => [...(a[i]?.owners.keys() ?? [])]));
			return codes.size
				? flagsByUnit(q, { ...filter, units: [...codes], period: piece.period })
				: new Map<string, FlagTally>();
		})
	);
	return attributions.map((attribution) => {
		const grouped = new Map<string, FlagTally[]>();
		attribution.forEach((piece, i) => {
			for (const [code, tally] of read[i] ?? []) {
				for (const owner of piece.owners.get(code) ?? [])
					grouped.set(owner, [...(grouped.get(owner) ?? []), tally]);
			}
		});
		return new Map([...grouped].map(([code, list]) => [code, addFlags(list)]));
	});
}

/**
 * How many respondents came through each channel: the kiosk, paper, the public link and the
 * dossiers' signed links (a province moving its ranking onto verified answers watches this).
 * Reads the respondent counters only, the four channels in one read.
 */
export async function channelShares(
	q: Queryable,
	filter: Omit<Filter, 'channel' | 'items'>,
	pieces: readonly Piece[],
	unit: string
): Promise<{ channel: Channel; n: number }[]> {
	const read = await Promise.all(
		pieces.map((piece) => {
			const units = unitsToRead(piece);
			return units.length
				? respondentsByChannel(q, { ...filter, units, period: piece.period })
				: new Map<Channel, Map<string, Counts>>();
		})
	);
	return channels.map((channel) => {
		const counts = byOwner(
			pieces,
			read.map((byChannel) => byChannel.get(channel) ?? new Map())
		);
		return { channel, n: counts.get(unit)?.respondents ?? 0 };
	});
}
