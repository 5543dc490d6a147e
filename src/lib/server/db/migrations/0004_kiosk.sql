-- Kiosks: their settings, a PIN the tablet can check offline, and the health they report.
alter table devices add column settings jsonb not null default '{}';
alter table devices add column pin_hash jsonb;
alter table devices add column health jsonb;
alter table devices add column health_at timestamptz;

-- A questionnaire left unfinished at an idle reset, kept on devices set to "save as partial".
alter table responses add column partial boolean not null default false;

-- Answers from the public link that look like a flood are held out of the counters until
-- staff accept them (valid) or reject them (kept, never counted): nothing is dropped.
alter table responses drop constraint responses_status_check;
alter table responses add constraint responses_status_check
	check (status in ('valid', 'void', 'held', 'rejected'));
alter table responses add column hold_reason text;
alter table responses add column reviewed_by uuid references users (id);
alter table responses add column reviewed_at timestamptz;
create index responses_held on responses (unit_code, received_at) where status = 'held';
