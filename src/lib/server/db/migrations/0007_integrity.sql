-- Counts that can be published (issue 15).

-- A kiosk's answers may not predate the device's first enrolment; re-enrolment moves
-- enrolled_at, so the first one is kept apart.
alter table devices add column first_enrolled_at timestamptz;
update devices set first_enrolled_at = enrolled_at where enrolled_at is not null;

-- Marks on an answer that is counted but worth a look (`clock`: sent by a kiosk whose clock
-- was off; the data-quality flags join it).
alter table responses add column flags jsonb not null default '[]'::jsonb;
