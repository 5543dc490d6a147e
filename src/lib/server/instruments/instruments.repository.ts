import type { Instrument } from '$lib/survey/instruments';
import type { Queryable } from '../db';
import { jsonb } from '../db/jsonb';

export interface StoredInstrument {
	code: string;
	version: number;
	definition: Instrument;
	definitionHash: string;
	retiredAt: Date | null;
	hasResponses: boolean;
}

const columns = `i.code, i.version, i.definition, i.definition_hash as "definitionHash",
	i.retired_at as "retiredAt",
	exists (select 1 from responses r where r.instrument_code = i.code and r.instrument_version = i.version)
		as "hasResponses"`;

export async function list(q: Queryable): Promise<StoredInstrument[]> {
	return q.query<StoredInstrument>(
		`select ${columns} from instruments i order by i.code, i.version`
	);
}

export async function get(
	q: Queryable,
	code: string,
	version: number
): Promise<StoredInstrument | undefined> {
	const [row] = await q.query<StoredInstrument>(
		`select ${columns} from instruments i where i.code = $1 and i.version = $2`,
		[code, version]
	);
	return row;
}

/** The newest version of an instrument's definition. */
export async function latest(q: Queryable, code: string): Promise<Instrument | undefined> {
	const [row] = await q.query<{ definition: Instrument }>(
		'select definition from instruments where code = $1 order by version desc limit 1',
		[code]
	);
	return row?.definition;
}

export async function insert(q: Queryable, definition: Instrument, hash: string): Promise<void> {
	await q.query(
		`insert into instruments (code, version, definition, definition_hash) values ($1, $2, $3::text::jsonb, $4)`,
		[definition.code, definition.version, jsonb(definition), hash]
	);
}

export async function setRetired(
	q: Queryable,
	code: string,
	version: number,
	retired: boolean
): Promise<void> {
	await q.query(
		`update instruments set retired_at = case when $3 then coalesce(retired_at, now()) else null end
		where code = $1 and version = $2`,
		[code, version, retired]
	);
}
