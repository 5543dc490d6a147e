import type { AnswerValue } from '$lib/survey/responses';
import type { Queryable } from '../db';

/** A collection batch: a stack of paper forms of one unit and questionnaire, keyed together. */
export interface Batch {
	id: string;
	unitCode: string;
	instrumentCode: string;
	label: string;
	periodStart: string;
	periodEnd: string;
	expected: number;
	/** Double entry: the share of forms a second clerk re-keys (0 = off). */
	verifyPercent: number;
	/** Serials chosen for double entry beside the sampled share. */
	verifySerials: string[];
	createdBy: string | null;
	createdAt: Date;
}

export type NewBatch = Omit<Batch, 'createdAt'>;

const columns = `b.id, b.unit_code as "unitCode", b.instrument_code as "instrumentCode", b.label,
	b.period_start as "periodStart", b.period_end as "periodEnd", b.expected,
	b.verify_percent as "verifyPercent", b.verify_serials as "verifySerials",
	b.created_by as "createdBy", b.created_at as "createdAt"`;

/** A batch with its progress, as lists show it. */
export interface BatchSummary extends Batch {
	entered: number;
	voided: number;
}

/** The batches of some units (every unit when `units` is null), newest first. */
export async function list(q: Queryable, units: readonly string[] | null): Promise<BatchSummary[]> {
	return q.query<BatchSummary>(
		`select ${columns},
			(select count(*)::int from responses r where r.batch_id = b.id and r.status <> 'void') as entered,
			(select count(*)::int from responses r where r.batch_id = b.id and r.status = 'void') as voided
		from batches b
		where $1::text[] is null or b.unit_code = any($1::text[])
		order by b.created_at desc, b.label`,
		[units]
	);
}

export async function get(q: Queryable, id: string): Promise<Batch | undefined> {
	const [batch] = await q.query<Batch>(`select ${columns} from batches b where b.id = $1`, [id]);
	return batch;
}

export async function getMany(q: Queryable, ids: readonly string[]): Promise<Batch[]> {
	if (ids.length === 0) return [];
	return q.query<Batch>(`select ${columns} from batches b where b.id = any($1::uuid[])`, [ids]);
}

export async function labelTaken(q: Queryable, unitCode: string, label: string): Promise<boolean> {
	const rows = await q.query('select 1 from batches where unit_code = $1 and label = $2', [
		unitCode,
		label
	]);
	return rows.length > 0;
}

export async function insert(q: Queryable, batch: NewBatch): Promise<void> {
	await q.query(
		`insert into batches (id, unit_code, instrument_code, label, period_start, period_end, expected,
			verify_percent, verify_serials, created_by)
		values ($1, $2, $3, $4, $5, $6, $7, $8, $9::text[], $10)`,
		[
			batch.id,
			batch.unitCode,
			batch.instrumentCode,
			batch.label,
			batch.periodStart,
			batch.periodEnd,
			batch.expected,
			batch.verifyPercent,
			batch.verifySerials,
			batch.createdBy
		]
	);
}

/** One keyed form of a batch, as the batch page lists it. */
export interface BatchForm {
	id: string;
	serial: string | null;
	day: string;
	answers: Record<string, AnswerValue>;
	comment: string | null;
	status: 'valid' | 'void' | 'held' | 'rejected';
	voidReason: string | null;
	enteredBy: string | null;
	receivedAt: Date;
	editedAt: Date | null;
}

/** Every form of a batch, in serial order (numbers by value: 9 before 10). */
export async function forms(q: Queryable, batchId: string): Promise<BatchForm[]> {
	return q.query<BatchForm>(
		`select r.id, r.serial, r.day, r.answers, r.comment, r.status, r.void_reason as "voidReason",
			u.username as "enteredBy", r.received_at as "receivedAt", r.edited_at as "editedAt"
		from responses r left join users u on u.id = r.entered_by
		where r.batch_id = $1
		order by length(r.serial), r.serial, r.received_at`,
		[batchId]
	);
}

/** Who keyed how many forms of a batch (voided ones apart). */
export async function enteredBy(
	q: Queryable,
	batchId: string
): Promise<{ username: string; forms: number; voided: number }[]> {
	return q.query(
		`select coalesce(u.username, '—') as username,
			count(*) filter (where r.status <> 'void')::int as forms,
			count(*) filter (where r.status = 'void')::int as voided
		from responses r left join users u on u.id = r.entered_by
		where r.batch_id = $1
		group by u.username order by forms desc, username`,
		[batchId]
	);
}

/** A paper serial already keyed for a unit and questionnaire (and not voided). */
export interface TakenSerial {
	serial: string;
	id: string;
	batchId: string | null;
	enteredAt: Date;
	enteredBy: string | null;
}

export async function takenSerials(
	q: Queryable,
	unitCode: string,
	instrumentCode: string,
	serials?: readonly string[]
): Promise<TakenSerial[]> {
	return q.query<TakenSerial>(
		`select r.serial, r.id, r.batch_id as "batchId", r.received_at as "enteredAt",
			u.username as "enteredBy"
		from responses r left join users u on u.id = r.entered_by
		where r.unit_code = $1 and r.instrument_code = $2 and r.serial is not null
			and r.status in ('valid', 'held')
			and ($3::text[] is null or r.serial = any($3::text[]))`,
		[unitCode, instrumentCode, serials ?? null]
	);
}

export interface KeyedForm {
	id: string;
	instrumentVersion: number;
	answers: Record<string, AnswerValue>;
	/** The user id of the clerk who keyed it. */
	enteredBy: string | null;
}

/** The valid form of a batch with a serial, with who keyed it. */
export async function formBySerial(
	q: Queryable,
	batchId: string,
	serial: string
): Promise<KeyedForm | undefined> {
	const [row] = await q.query<KeyedForm>(
		`select id, instrument_version as "instrumentVersion", answers, entered_by as "enteredBy"
		from responses
		where batch_id = $1 and serial = $2 and status = 'valid'`,
		[batchId, serial]
	);
	return row;
}
