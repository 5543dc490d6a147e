import type { Instrument } from '$lib/survey/instruments';
import {
	checkResponse,
	responseSchema,
	vietnamDay,
	type ResponseInput
} from '$lib/survey/responses';
import { issue, type Issue } from '$lib/survey/issues';
import { rollupDeltas } from '$lib/survey/rollups';
import { today } from '$lib/survey/days';
import { isCurrent } from '$lib/survey/units';
import { mayEnterFor, type Actor } from '../auth/scope';
import type { Database } from '../db';
import * as responses from './responses.repository';
import * as rollups from './rollups.repository';
import * as units from '../units/units.repository';
import * as quarantine from './quarantine.repository';
import { contentHash } from './rows';
import type { ItemResult } from '$lib/survey/sync';
import { refusals } from './refusals';
import { batchIssues, serialIssues } from './paper';
import { instrumentFor } from '../instruments/service';

interface Candidate {
	index: number;
	response: ResponseInput;
	instrument: Instrument;
	hash: string;
}

const conflict = () => ({
	status: 'conflict' as const,
	issues: [issue(['id'], 'conflict', 'a different response with this id was already received')]
});

/**
 * Who sends a batch: a signed-in person, an enrolled kiosk, or a citizen on the public link
 * (`/r/UNIT`), who has no credentials at all.
 */
export type Submitter = Actor | { public: true; user?: undefined; device?: undefined };

const channelIssue = (channel: string): Issue[] => [
	issue(['channel'], 'channel', `this sender submits channel ${channel} only`, { channel })
];

/**
 * Who may submit what: a kiosk only for its own unit and as `kiosk`, a citizen only as `web`
 * without device or paper fields, staff for their unit, admins for any.
 */
function actorIssues(actor: Submitter, response: ResponseInput): Issue[] {
	if (!actor.user && !actor.device) {
		if (response.channel !== 'web') return channelIssue('web');
		const extra = (['deviceId', 'deviceSeq', 'serial', 'batch', 'batchId'] as const).filter(
			(key) => response[key] !== undefined
		);
		return extra.map((key) =>
			issue([key], 'publicField', 'not accepted from the public link', { field: key })
		);
	}
	if (actor.device) {
		if (response.channel !== 'kiosk') return channelIssue('kiosk');
		if (response.unit !== actor.device.unitCode) {
			return [
				issue(
					['unit'],
					'deviceUnit',
					`this device is bound to unit ${actor.device.unitCode}, not ${response.unit}`,
					{ unit: actor.device.unitCode, named: response.unit }
				)
			];
		}
		if (response.deviceId && response.deviceId !== actor.device.id) {
			return [issue(['deviceId'], 'deviceId', 'deviceId is not the id of the device sending it')];
		}
		return [];
	}
	if (mayEnterFor(actor.user, response.unit)) return [];
	return [
		issue(
			['unit'],
			'notYourUnit',
			`${actor.user.username} may not submit answers for unit ${response.unit}`,
			{ user: actor.user.username, unit: response.unit }
		)
	];
}

const idOf = (item: unknown) =>
	item && typeof item === 'object' && typeof (item as { id?: unknown }).id === 'string'
		? (item as { id: string }).id.slice(0, 64)
		: null;

/**
 * Takes a batch of responses from a kiosk or a person and answers per item: `created`,
 * `duplicate` (same id, same content: success), `conflict` (same id, other content) or
 * `invalid` (with the reasons). New responses and their rollup counters are written in one
 * transaction; nothing else is written.
 */
export async function ingest(
	db: Database,
	batch: readonly unknown[],
	actor: Submitter,
	options: IngestOptions = {}
): Promise<ItemResult[]> {
	const results: ItemResult[] = batch.map((item) => ({ id: idOf(item), status: 'invalid' }));
	const candidates: Candidate[] = [];
	for (const [index, item] of batch.entries()) {
		const parsed = responseSchema.safeParse(item);
		if (!parsed.success) {
			results[index]!.issues = parsed.error.issues.map((i) => ({
				path: i.path.map(String),
				message: i.message
			}));
			continue;
		}
		const response = parsed.data;
		const instrument = await instrumentFor(db, response.instrument, response.instrumentVersion);
		const issues = instrument
			? [...checkResponse(instrument, response), ...actorIssues(actor, response)]
			: [
					issue(
						['instrument'],
						'noInstrument',
						`no instrument ${response.instrument} v${response.instrumentVersion}`,
						{ instrument: `${response.instrument} v${response.instrumentVersion}` }
					)
				];
		if (issues.length || !instrument) {
			results[index]!.issues = issues;
			continue;
		}
		candidates.push({ index, response, instrument, hash: contentHash(response) });
	}

	const known = new Set(
		(await units.list(db, [...new Set(candidates.map((c) => c.response.unit))]))
			// The public link answers only for units that exist today.
			.filter((unit) => actor.user || actor.device || isCurrent(unit, today()))
			.map((u) => u.code)
	);
	const first = new Map<string, Candidate>();
	const fresh: Candidate[] = [];
	for (const candidate of candidates) {
		const { response, index, hash } = candidate;
		if (!known.has(response.unit)) {
			results[index]!.issues = [
				issue(['unit'], 'noUnit', `no unit ${response.unit}`, { unit: response.unit })
			];
			continue;
		}
		const earlier = first.get(response.id);
		if (earlier) {
			// The same id twice in one batch: judged like a resend of the first.
			if (earlier.hash === hash) results[index]!.status = 'duplicate';
			else Object.assign(results[index]!, conflict());
			continue;
		}
		first.set(response.id, candidate);
		fresh.push(candidate);
	}

	const paper = await batchIssues(
		db,
		fresh.map((c) => c.response)
	);
	const fitting = fresh.filter((candidate) => {
		const issues = paper.issues.get(candidate.response);
		if (issues) results[candidate.index]!.issues = issues;
		return !issues;
	});
	try {
		await store(db, fitting, results, actor, { ...options, batches: paper.found });
	} catch (error) {
		if (!(error instanceof RolledBack)) throw error;
	}
	if (!options.atomic && !options.dryRun && (actor.user || actor.device)) {
		await quarantine.insert(db, refusals(batch, results, actor as Actor, paper.found));
	}
	return results;
}

export interface IngestOptions {
	/** Store nothing when any item is invalid or in conflict (file imports). */
	atomic?: boolean;
	/** Check everything, store nothing: `created` then means "would be created". */
	dryRun?: boolean;
	/**
	 * Store new responses as `held` with this reason: kept, but left out of the counters
	 * until staff accept them (suspected floods on the public link).
	 */
	hold?: string;
}

interface StoreOptions extends IngestOptions {
	batches: ReadonlyMap<string, { label: string }>;
}

/** Thrown to undo a transaction on purpose (dry run, or an all-or-nothing batch with errors). */
class RolledBack extends Error {}

async function store(
	db: Database,
	fresh: readonly Candidate[],
	results: ItemResult[],
	actor: Submitter,
	options: StoreOptions
): Promise<void> {
	await db.transaction(async (tx) => {
		const rows = fresh.map((c) => toRow(c, actor, options));
		const inserted = await responses.insertNew(tx, rows);
		const stored = await responses.hashes(
			tx,
			fresh.filter((c) => !inserted.has(c.response.id)).map((c) => c.response.id)
		);
		const serialTaken: Candidate[] = [];
		for (const candidate of fresh) {
			const result = results[candidate.index]!;
			const hash = stored.get(candidate.response.id);
			if (inserted.has(candidate.response.id)) result.status = 'created';
			else if (hash === candidate.hash) result.status = 'duplicate';
			else if (hash) Object.assign(result, conflict());
			// Neither stored nor there before: its paper serial was keyed already.
			else serialTaken.push(candidate);
		}
		const serials = await serialIssues(
			tx,
			serialTaken.map((c) => c.response)
		);
		for (const candidate of serialTaken) {
			results[candidate.index]!.issues = serials.get(candidate.response);
		}
		const failed = results.some((r) => r.status === 'invalid' || r.status === 'conflict');
		if (options.dryRun || (options.atomic && failed)) throw new RolledBack();
		// rows[i] is fresh[i]; only the rows this batch inserted count.
		const created = fresh
			.map((candidate, i) => ({ row: rows[i]!, instrument: candidate.instrument }))
			.filter((entry) => inserted.has(entry.row.id));
		if (!options.hold) await rollups.add(tx, rollupDeltas(created));
		await quarantine.resolveStored(
			tx,
			created.map((entry) => entry.row.id),
			actor.user?.id ?? null
		);
		if (actor.device) {
			const top = Math.max(0, ...fresh.map((c) => c.response.deviceSeq ?? 0));
			if (top > 0) await responses.noteDeviceSequence(tx, actor.device.id, top);
		}
	});
}

function toRow(
	{ response, hash }: Candidate,
	actor: Submitter,
	{ hold, batches }: StoreOptions
): responses.NewResponse {
	return {
		id: response.id,
		instrument_code: response.instrument,
		instrument_version: response.instrumentVersion,
		unit_code: response.unit,
		channel: response.channel,
		device_id: actor.device?.id ?? null,
		device_seq: actor.device ? (response.deviceSeq ?? null) : null,
		entered_by: actor.user?.id ?? null,
		started_at: response.startedAt ?? null,
		submitted_at: response.submittedAt,
		day: vietnamDay(response.submittedAt),
		answers: response.answers,
		comment: response.comment || null,
		serial: response.serial ?? null,
		batch: (response.batchId && batches.get(response.batchId)?.label) || response.batch || null,
		batch_id: response.batchId ?? null,
		content_hash: hash,
		partial: response.partial ?? false,
		status: hold ? 'held' : 'valid',
		hold_reason: hold ?? null
	};
}
