-- Staff entry of paper forms: collection batches, one paper serial per form, double entry,
-- and a quarantine for what the server refused from kiosks and staff.

create table batches (
	id uuid primary key,
	unit_code text not null references units (code),
	instrument_code text not null,
	label text not null,
	period_start date not null,
	period_end date not null check (period_end >= period_start),
	expected integer not null check (expected between 1 and 100000),
	-- Double entry: the share of forms a second clerk re-keys (0 = off) and chosen serials.
	verify_percent smallint not null default 0 check (verify_percent between 0 and 100),
	verify_serials text[] not null default '{}',
	created_by uuid references users (id),
	created_at timestamptz not null default now(),
	unique (unit_code, label)
);

alter table responses add column batch_id uuid references batches (id);
create index responses_batch on responses (batch_id, serial) where batch_id is not null;
-- One paper form is keyed once: a serial is unique within a unit and questionnaire among the
-- answers that count or wait for review. A voided form frees its serial for the right keying.
create unique index responses_serial on responses (unit_code, instrument_code, serial)
	where serial is not null and status in ('valid', 'held');

-- The second keying of a sampled form, compared item by item with the first.
create table verifications (
	batch_id uuid not null references batches (id),
	serial text not null,
	answers jsonb not null,
	entered_by uuid not null references users (id),
	entered_at timestamptz not null default now(),
	-- The items where the two keyings differ, as they stood at the second keying:
	-- [{ item, first, second }]. What the batch's error rate is made of.
	mismatches jsonb not null,
	-- Item code → which keying the supervisor found right on the paper ('first' | 'second').
	decisions jsonb not null default '{}',
	primary key (batch_id, serial)
);

-- What the server refused (invalid, or an id already used for other content), kept for staff
-- to fix and resubmit or void. Never deleted: a resolved entry records how and by whom.
create table quarantine (
	-- Made from the payload: the same refused content sent again is kept once.
	id uuid primary key,
	response_id text,
	-- Not a foreign key: a refusal may name a unit that does not exist.
	unit_code text,
	batch_id uuid references batches (id),
	payload jsonb not null,
	status text not null check (status in ('invalid', 'conflict')),
	issues jsonb not null,
	device_id uuid references devices (id),
	user_id uuid references users (id),
	received_at timestamptz not null default now(),
	resolution text check (resolution in ('resubmitted', 'void')),
	resolution_reason text,
	resolved_by uuid references users (id),
	resolved_at timestamptz
);
create index quarantine_open on quarantine (unit_code, received_at) where resolution is null;
-- Every stored batch closes the open entries of its ids: a lookup, never a scan.
create index quarantine_response on quarantine (response_id) where resolution is null;
