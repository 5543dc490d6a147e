-- Units through time (the 2025 reorganisation). A unit's earlier names and parents: each row
-- held from the day after the previous row's valid_to (or the unit's valid_from) up to its own
-- valid_to; the units row is the current version, in force after the latest valid_to. Spans
-- are defined by their ends alone, so they can neither overlap nor leave a gap.
create table unit_versions (
	unit_code text not null references units (code),
	valid_to date not null,
	name text not null,
	parent_code text references units (code),
	primary key (unit_code, valid_to),
	check (parent_code is null or parent_code <> unit_code)
);
create index unit_versions_parent on unit_versions (parent_code);

-- The units a new unit was formed from, named on the new unit (a merger of old communes into
-- one). Old units may name their successors instead; either side declares the same link.
alter table units add column predecessor_codes text[] not null default '{}';
