-- Data-quality flags (issue 15): the counters of the flagged answers beside the counters of
-- all of them. A view that leaves flagged answers out reads `rollups` less `flagged_rollups`
-- (flagged answers are a few percent: this table stays small).
create table flagged_rollups (like rollups including all);

-- How many answers carry a flag, per unit and day: a few percent of the answers, so the
-- dashboard's per-unit count reads only those.
create index responses_flagged on responses (unit_code, day)
	where status = 'valid' and flags <> '[]'::jsonb;
