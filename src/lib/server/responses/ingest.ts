import type { Instrument } from '$lib/survey/instruments';
import {
	checkResponse,
	responseSchema,
	vietnamDay,
	type ResponseInput
} from '$lib/survey/responses';
import { issue } from '$lib/survey/issues';
import { today } from '$lib/survey/days';
import { isCurrent } from '$lib/survey/units';
import { heldAsLate, timeIssues } from '$lib/survey/admission';
import type { Actor } from '../auth/scope';
import type { Database } from '../db';
import * as responses from './responses.repository';
import * as rollups from './rollups.repository';
import * as units from '../units/units.repository';
import * as quarantine from './quarantine.repository';
import { contentHash } from './rows';
import * as metrics from '../operations/metrics';
import { boundedDepth } from './canonical';
import type { ItemResult } from '$lib/survey/sync';
import { refusals } from './refusals';
import { batchIssues, serialIssues } from './paper';
import { actorIssues, type Submitter } from './rights';
import type { RetiredDevice } from '../devices/devices.repository';
import { instrumentFor } from '../instruments/service';
import { flagsOf } from './quality';
import { dossierChecks, repeatedDossiers } from './dossiers';

interface Candidate {
	index: number;
	response: ResponseInput;
	instrument: Instrument;
	hash: string;
	/** Why this one answer is held (kept, not counted), when it is. */
	hold?: string;
}

const conflict = () => ({
	status: 'conflict' as const,
	issues: [issue(['id'], 'conflict', 'a different response with this id was already received')]
});

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
	sent: readonly unknown[],
	actor: Submitter,
	options: IngestOptions = {}
): Promise<ItemResult[]> {
	const timer = metrics.ingestSeconds.startTimer();
	const batch = sent.map((item) => boundedDepth(item));
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
			? [
					...checkResponse(instrument, response),
					...actorIssues(actor, response, options.history, options.retired)
				]
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

	const receivedAt = Date.now();
	const known = new Map(
		(await units.list(db, [...new Set(candidates.map((c) => c.response.unit))]))
			// The public link answers only for units that exist today.
			.filter((unit) => actor.user || actor.device || isCurrent(unit, today()))
			.map((u) => [u.code, u])
	);
	const checkDossier = dossierChecks(db);
	const first = new Map<string, Candidate>();
	const fresh: Candidate[] = [];
	for (const candidate of candidates) {
		const { response, index, hash } = candidate;
		const unit = known.get(response.unit);
		if (!unit) {
			results[index]!.issues = [
				issue(['unit'], 'noUnit', `no unit ${response.unit}`, { unit: response.unit })
			];
			continue;
		}
		const carried = response.deviceId && options.retired?.get(response.deviceId);
		const enrolledAt = carried ? carried.firstEnrolledAt : actor.device?.firstEnrolledAt;
		const clockSkewMs = options.clockSkewMs;
		const refused = [
			...timeIssues(response, { receivedAt, unit, enrolledAt, clockSkewMs }),
			...(await checkDossier(response))
		];
		if (refused.length) {
			results[index]!.issues = refused;
			continue;
		}
		// Late only on the public link: an admin's import of past years is late by nature.
		if (!actor.user && !actor.device && heldAsLate(response, receivedAt)) candidate.hold = 'late';
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
	timer();
	if (!options.dryRun) for (const result of results) metrics.answers.inc({ status: result.status });
	return results;
}

export interface IngestOptions {
	/** Store nothing when any item is invalid or in conflict (file imports). */
	atomic?: boolean;
	/** Check everything, store nothing: `created` then means "would be created". */
	dryRun?: boolean;
	/**
	 * Store new responses as `held` with this reason: kept, but left out of the counters
	 * until a reviewer accepts them (suspected floods on the public link).
	 */
	hold?: string;
	/** An admin's import from an earlier system: any channel, no batch (see `actorIssues`). */
	history?: boolean;
	/** How far the sending kiosk's clock runs ahead of the server's (its last report). */
	clockSkewMs?: number;
	/** The retired kiosks of the sending kiosk's unit, whose earlier answers it may carry. */
	retired?: ReadonlyMap<string, RetiredDevice>;
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
		const flags = await flagsOf(tx, fresh, actor, options.clockSkewMs);
		for (const repeat of await repeatedDossiers(tx, fresh)) repeat.hold ??= 'dossier';
		const rows = fresh.map((c, i) => toRow(c, actor, options, flags[i]!));
		await responses.lockIds(
			tx,
			rows.map((row) => row.id)
		);
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
		await quarantine.resolveStored(
			tx,
			created.map((entry) => entry.row.id),
			actor.user?.id ?? null
		);
		if (actor.device) {
			const own = fresh.filter(
				(c) => (c.response.deviceId ?? actor.device!.id) === actor.device!.id
			);
			const top = Math.max(0, ...own.map((c) => c.response.deviceSeq ?? 0));
			if (top > 0) await responses.noteDeviceSequence(tx, actor.device.id, top);
		}
		// Last: the counters every batch shares are locked until the commit.
		await rollups.count(
			tx,
			created.filter((entry) => entry.row.status !== 'held')
		);
	});
}

function toRow(
	{ response, hash, hold: own }: Candidate,
	actor: Submitter,
	{ hold: all, batches }: StoreOptions,
	flags: string[]
): responses.NewResponse {
	// A dossier's signed link needs no public-link limits: its own hold (a second rating) only.
	const hold = (response.dossier ? undefined : all) ?? own;
	return {
		id: response.id,
		instrument_code: response.instrument,
		instrument_version: response.instrumentVersion,
		unit_code: response.unit,
		channel: response.channel,
		// The kiosk that took the answer: the sender, or the retired one whose answer it carries.
		device_id: actor.device ? (response.deviceId ?? actor.device.id) : null,
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
		hold_reason: hold ?? null,
		flags,
		dossier_code: response.dossier?.code ?? null
	};
}
