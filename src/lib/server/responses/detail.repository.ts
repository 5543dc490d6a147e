import type { AnswerValue, Channel } from '$lib/survey/responses';
import type { Queryable } from '../db';
import type { ResponseStatus } from './responses.repository';

/** One stored answer as its detail page shows it: who or what entered it, when, and how it stands. */
export interface ResponseDetail {
	id: string;
	unit: string;
	unitName: string;
	instrument: string;
	instrumentVersion: number;
	channel: Channel;
	status: ResponseStatus;
	holdReason: string | null;
	voidReason: string | null;
	flags: string[];
	startedAt: Date | null;
	submittedAt: Date;
	receivedAt: Date;
	editedAt: Date | null;
	voidedAt: Date | null;
	/** The account that keyed or imported it (paper, an admin's import). */
	enteredBy: string | null;
	/** The kiosk that sent it. */
	device: { id: string; name: string } | null;
	batch: { id: string; label: string } | null;
	serial: string | null;
	reviewedBy: string | null;
	answers: Record<string, AnswerValue>;
	comment: string | null;
}

const person = (alias: string) => `coalesce(nullif(${alias}.display_name, ''), ${alias}.username)`;

export async function get(q: Queryable, id: string): Promise<ResponseDetail | undefined> {
	const [row] = await q.query<ResponseDetail>(
		`select r.id, r.unit_code as unit, un.name as "unitName", r.instrument_code as instrument,
			r.instrument_version as "instrumentVersion", r.channel, r.status,
			r.hold_reason as "holdReason", r.void_reason as "voidReason", r.flags,
			r.started_at as "startedAt", r.submitted_at as "submittedAt", r.received_at as "receivedAt",
			r.edited_at as "editedAt", r.voided_at as "voidedAt", ${person('u')} as "enteredBy",
			case when d.id is null then null else json_build_object('id', d.id, 'name', d.name) end as device,
			case when b.id is null then null else json_build_object('id', b.id, 'label', b.label) end as batch,
			r.serial, ${person('rv')} as "reviewedBy", r.answers, r.comment
		from responses r
		join units un on un.code = r.unit_code
		left join users u on u.id = r.entered_by
		left join devices d on d.id = r.device_id
		left join batches b on b.id = r.batch_id
		left join users rv on rv.id = r.reviewed_by
		where r.id = $1`,
		[id]
	);
	return row;
}
