-- One dossier, one rating (issue 15): answers through a signed link per dossier are their own
-- channel, `dossier`, counted once per dossier and reported apart, so a province can rank on
-- verified answers.
alter table responses drop constraint responses_channel_check;
alter table responses add constraint responses_channel_check
	check (channel in ('kiosk', 'paper', 'web', 'dossier'));
alter table responses add column dossier_code text;
-- The counted answer of a dossier; a second one is held (see ingest).
create unique index responses_dossier on responses (unit_code, dossier_code)
	where dossier_code is not null and status = 'valid';

alter table rollups add column dossier integer not null default 0;
alter table flagged_rollups add column dossier integer not null default 0;

-- Server keys that every app instance shares (the dossier links' HMAC key), made once.
create table server_keys (
	name text primary key,
	value text not null,
	created_at timestamptz not null default now()
);
