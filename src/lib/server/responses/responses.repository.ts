import { LOCKS } from '../db/locks';
import type { AnswerValue, Channel } from '$lib/survey/responses';
import type { Queryable } from '../db';
import { jsonb } from '../db/jsonb';

/** A response row as ingest writes it. */
export interface NewResponse {
	id: string;
	instrument_code: string;
	instrument_version: number;
	unit_code: string;
	channel: Channel;
	device_id: string | null;
	device_seq: number | null;
	entered_by: string | null;
	started_at: string | null;
	submitted_at: string;
	day: string;
	answers: Record<string, AnswerValue>;
	comment: string | null;
	serial: string | null;
	batch: string | null;
	batch_id?: string | null;
	content_hash: string;
	/** Left unfinished at an idle reset (kiosks set to keep partial answers). */
	partial?: boolean;
	/** `held`: stored but left out of the counters until staff accept it. */
	status?: 'valid' | 'held';
	hold_reason?: string | null;
	/** Data-quality marks (`clock`: sent by a kiosk whose clock was off). */
	flags?: string[];
	/** The dossier of a signed link (channel `dossier`): one counted answer each. */
	dossier_code?: string | null;
}

export interface StoredResponse {
	id: string;
	instrument: string;
	instrumentVersion: number;
	unit: string;
	channel: Channel;
	day: string;
	answers: Record<string, AnswerValue>;
	status: ResponseStatus;
	contentHash: string;
	/** Data-quality and clock marks (see `$lib/survey/quality`). */
	flags: string[];
}

export type ResponseStatus = 'valid' | 'void' | 'held' | 'rejected';

/**
 * Locks the batch's ids for this transaction, in the order of their lock keys. Two batches
 * with the same ids (a kiosk's resend racing its first send, in another order) otherwise each
 * stored some and waited for the other's: a deadlock, one batch refused. Now the second waits
 * at its first id until the first commits, then finds them all stored. The insert keeps the
 * order sent (the first keying of a paper serial in a batch wins).
 */
export async function lockIds(q: Queryable, ids: readonly string[]): Promise<void> {
	if (ids.length === 0) return;
	await q.query(
		`select pg_advisory_xact_lock($2, key)
		from (select distinct hashtext(id) as key from unnest($1::text[]) as id order by key) as keys`,
		[ids, LOCKS.answerIds]
	);
}

/**
 * Inserts a batch in one statement; ids already stored are left alone (the primary key, not
 * a check in code, is what keeps a response from being counted twice), and so is a paper
 * serial already keyed for the unit and questionnaire (the `responses_serial` index).
 * Returns the ids it inserted.
 */
export async function insertNew(q: Queryable, rows: readonly NewResponse[]): Promise<Set<string>> {
	if (rows.length === 0) return new Set();
	// One typed array per column: cheaper for the server than one JSON document to take apart.
	const column = <K extends keyof NewResponse>(key: K) => rows.map((row) => row[key]);
	const inserted = await q.query<{ id: string }>(
		`insert into responses (id, instrument_code, instrument_version, unit_code, channel, device_id,
			device_seq, entered_by, started_at, submitted_at, day, answers, comment, serial, batch, content_hash,
			partial, status, hold_reason, batch_id, flags, dossier_code)
		select * from unnest($1::uuid[], $2::text[], $3::int[], $4::text[], $5::text[], $6::uuid[],
			$7::bigint[], $8::uuid[], $9::timestamptz[], $10::timestamptz[], $11::date[], $12::text[]::jsonb[],
			$13::text[], $14::text[], $15::text[], $16::text[], $17::text[]::boolean[], $18::text[], $19::text[], $20::uuid[],
			$21::text[]::jsonb[], $22::text[])
		on conflict do nothing
		returning id`,
		[
			column('id'),
			column('instrument_code'),
			column('instrument_version'),
			column('unit_code'),
			column('channel'),
			column('device_id'),
			column('device_seq'),
			column('entered_by'),
			column('started_at'),
			column('submitted_at'),
			column('day'),
			rows.map((row) => jsonb(row.answers)),
			column('comment'),
			column('serial'),
			column('batch'),
			column('content_hash'),
			// As text, cast in the statement: the same array literal on both engines.
			rows.map((row) => String(row.partial ?? false)),
			rows.map((row) => row.status ?? 'valid'),
			rows.map((row) => row.hold_reason ?? null),
			rows.map((row) => row.batch_id ?? null),
			rows.map((row) => jsonb(row.flags ?? [])),
			rows.map((row) => row.dossier_code ?? null)
		]
	);
	return new Set(inserted.map((row) => row.id));
}

/** The stored content hashes of some ids. */
export async function hashes(q: Queryable, ids: readonly string[]): Promise<Map<string, string>> {
	if (ids.length === 0) return new Map();
	const rows = await q.query<{ id: string; hash: string }>(
		'select id, content_hash as hash from responses where id = any($1::uuid[])',
		[ids]
	);
	return new Map(rows.map((row) => [row.id, row.hash]));
}

/** One response, locked for a change in this transaction. */
export async function getForUpdate(q: Queryable, id: string): Promise<StoredResponse | undefined> {
	const [row] = await q.query<StoredResponse>(
		`select id, instrument_code as instrument, instrument_version as "instrumentVersion",
			unit_code as unit, channel, day, answers, status, content_hash as "contentHash", flags
		from responses where id = $1 for update`,
		[id]
	);
	return row;
}

export async function setAnswers(
	q: Queryable,
	id: string,
	answers: Record<string, AnswerValue>,
	flags: readonly string[]
): Promise<void> {
	await q.query(
		`update responses set answers = $2::text::jsonb, flags = $3::text::jsonb, edited_at = now()
		where id = $1`,
		[id, jsonb(answers), jsonb(flags)]
	);
}

export async function setVoid(q: Queryable, id: string, reason: string): Promise<void> {
	await q.query(
		`update responses set status = 'void', void_reason = $2, voided_at = now() where id = $1`,
		[id, reason]
	);
}

/**
 * When a device's complete answers before sequence number `before` (all, when null) were
 * submitted, the latest `limit` of them: what a burst is judged against. Reads the device's
 * sequence index backwards, so a kiosk with years of answers costs a few rows.
 */
export async function deviceSubmissions(
	q: Queryable,
	deviceId: string,
	before: number | null,
	limit: number
): Promise<{ id: string; at: number }[]> {
	const rows = await q.query<{ id: string; at: Date }>(
		`select id, submitted_at as at from responses
		where device_id = $1 and ($2::bigint is null or device_seq < $2) and not partial
		order by device_seq desc limit $3`,
		[deviceId, before, limit]
	);
	return rows.map((row) => ({ id: row.id, at: row.at.getTime() }));
}

/** Raises a device's highest sequence number seen. */
export async function noteDeviceSequence(
	q: Queryable,
	deviceId: string,
	sequence: number
): Promise<void> {
	await q.query(
		'update devices set last_sequence = greatest(coalesce(last_sequence, 0), $2) where id = $1',
		[deviceId, sequence]
	);
}

/** Sequence numbers below a device's highest that never arrived (at most `limit`). */
export async function deviceGaps(q: Queryable, deviceId: string, limit = 1000): Promise<number[]> {
	const rows = await q.query<{ seq: number }>(
		`select s as seq from devices d, generate_series(1, coalesce(d.last_sequence, 0)) s
		where d.id = $1
			and not exists (select 1 from responses r where r.device_id = d.id and r.device_seq = s)
		order by s limit $2`,
		[deviceId, limit]
	);
	return rows.map((row) => row.seq);
}

/** The answers of one valid response, with its unit and day: what counts are made from. */
export interface DayAnswers {
	unit: string;
	channel: Channel;
	day: string;
	instrumentVersion: number;
	answers: Record<string, AnswerValue>;
}

/**
 * The answers of valid responses to count from directly: on some days (the edges of a custom
 * range), or over a period for one service field (the field filter, through its index).
 */
export async function answersToCount(
	q: Queryable,
	filter: {
		/** The units, or `null` for every unit. */
		units: readonly string[] | null;
		instrument: string;
		channel?: string;
		/** Leave out the answers with a data-quality flag. */
		clean?: boolean;
	} & ({ days: readonly string[] } | { from: string; to: string; field: string })
): Promise<DayAnswers[]> {
	const byDay = 'days' in filter;
	if (byDay && filter.days.length === 0) return [];
	const common = [filter.units, filter.instrument, filter.channel ?? null, filter.clean ?? false];
	return q.query(
		`select unit_code as unit, channel, day, instrument_version as "instrumentVersion", answers
		from responses
		where status = 'valid' and instrument_code = $2
			and ($1::text[] is null or unit_code = any($1::text[]))
			and ($3::text is null or channel = $3) and (not $4 or flags = '[]'::jsonb)
			and ${byDay ? 'day = any($5::date[])' : `answers->>'field' = $5 and day between $6 and $7`}`,
		byDay ? [...common, filter.days] : [...common, filter.field, filter.from, filter.to]
	);
}

/** Which valid answers a raw read takes: units, questionnaire, days, and a channel or field. */
export interface AnswerFilter {
	units: readonly string[];
	instrument: string;
	from: string;
	to: string;
	channel?: string;
	/** The service field (the `field` answer), matched exactly. */
	field?: string;
}

/** Raw answers of valid responses, for recounts in tests and checks. */
export async function validAnswers(q: Queryable): Promise<
	{
		unit: string;
		instrument: string;
		instrumentVersion: number;
		channel: Channel;
		day: string;
		answers: Record<string, AnswerValue>;
		flags: string[];
	}[]
> {
	return q.query(
		`select unit_code as unit, instrument_code as instrument, instrument_version as "instrumentVersion",
			channel, day, answers, flags
		from responses where status = 'valid'`
	);
}

/**
 * How many valid answers carry each data-quality flag, per unit, over an inclusive period
 * (flag `''`: the answers with any flag, each once). Reads the flagged-answers index only.
 */
export async function flagCounts(
	q: Queryable,
	filter: AnswerFilter
): Promise<{ unit: string; flag: string; n: number }[]> {
	return q.query(
		`select unit_code as unit, coalesce(f.flag, '') as flag, count(distinct id)::int as n
		from responses, jsonb_array_elements_text(flags) as f (flag)
		where status = 'valid' and flags <> '[]'::jsonb and instrument_code = $2
			and unit_code = any($1::text[]) and day between $3 and $4
			and ($5::text is null or channel = $5) and ($6::text is null or answers->>'field' = $6)
		group by grouping sets ((unit_code, f.flag), (unit_code))`,
		[
			filter.units,
			filter.instrument,
			filter.from,
			filter.to,
			filter.channel ?? null,
			filter.field ?? null
		]
	);
}
