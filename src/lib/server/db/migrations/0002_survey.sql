-- Instruments, responses and the rollup counters dashboards read.

create table instruments (
	code text not null,
	version integer not null check (version >= 1),
	definition jsonb not null,
	-- SHA-256 of the definition: a shipped file edited without a new version stops the start.
	definition_hash text not null,
	retired_at timestamptz,
	created_at timestamptz not null default now(),
	primary key (code, version)
);

create table responses (
	-- Made on the device (UUID v7): the primary key is what makes a resend harmless.
	id uuid primary key,
	instrument_code text not null,
	instrument_version integer not null,
	unit_code text not null references units (code),
	channel text not null check (channel in ('kiosk', 'paper', 'web')),
	device_id uuid references devices (id),
	device_seq bigint,
	entered_by uuid references users (id),
	started_at timestamptz,
	submitted_at timestamptz not null,
	received_at timestamptz not null default now(),
	-- The Vietnam (UTC+7) calendar day of submitted_at: what periods are made of.
	day date not null,
	answers jsonb not null,
	comment text,
	serial text,
	batch text,
	-- SHA-256 of the content as first submitted: a resend with the same id must match it.
	content_hash text not null,
	status text not null default 'valid' check (status in ('valid', 'void')),
	void_reason text,
	edited_at timestamptz,
	foreign key (instrument_code, instrument_version) references instruments (code, version)
);
create index responses_unit_day on responses (unit_code, day);
create index responses_device_seq on responses (device_id, device_seq) where device_id is not null;
create index responses_export on responses (unit_code, instrument_code, submitted_at, id);

-- n answers per (unit, period, instrument, channel, item, level); grain d/m/y, period = first day.
create table rollups (
	unit_code text not null,
	grain char(1) not null check (grain in ('d', 'm', 'y')),
	period date not null,
	instrument_code text not null,
	channel text not null,
	item text not null,
	level smallint not null,
	n integer not null,
	primary key (unit_code, instrument_code, grain, period, channel, item, level)
);

alter table devices add column last_sequence bigint;
