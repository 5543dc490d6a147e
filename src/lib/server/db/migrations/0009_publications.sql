-- Published results (chốt số liệu, issue 15): what a province announced, frozen. A row is never
-- changed or deleted; publishing the same scope and period again adds a row that names the one
-- it supersedes and why.
create table publications (
	id uuid primary key,
	unit_code text not null references units (code),
	instrument_code text not null,
	period_from date not null,
	period_to date not null,
	-- Answers with a data-quality flag left out of the published figures.
	clean boolean not null default false,
	-- The decision that announces the figures (số quyết định), as the publisher typed it.
	reference text not null check (length(reference) between 1 and 200),
	-- Why a scope and period already published is published again; null the first time.
	reason text check (reason is null or length(reason) between 1 and 1000),
	supersedes uuid references publications (id),
	published_by uuid not null references users (id),
	published_at timestamptz not null default now(),
	-- The figures as published: indices, rankings, element tables and summary (see snapshot.ts).
	snapshot jsonb not null,
	check (period_from <= period_to)
);
create index publications_scope on publications (unit_code, instrument_code, period_from, period_to, published_at desc);
-- One first publication per scope and period, and a republication names at most one earlier
-- one: two publishers at once cannot both publish, or both supersede the same one.
create unique index publications_first on publications (unit_code, instrument_code, period_from, period_to)
	where supersedes is null;
create unique index publications_supersedes on publications (supersedes) where supersedes is not null;

-- When an answer was voided: a void after publication moves the live figures, not the published.
alter table responses add column voided_at timestamptz;
