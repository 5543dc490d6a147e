-- The rollup counters, a row per (questionnaire, grain, period, unit, item) with its levels in
-- the row: eight levels a row, a count per channel and level (`kiosk0` … `dossier7`), and for
-- an item with more levels a second row (`block` 1 holds levels 8–15, and so on). A view of a
-- block of 617 communes reads 11 836 rows a year where a row per level made it read 53 800:
-- 46 → 20 ms for PostgreSQL to read and write them out, at 10 M answers (BENCHMARKS.md), and
-- half the table's size. Adding to a row stays plain integer arithmetic (an array per channel
-- needed an element-wise sum PostgreSQL does not have: ~22 µs a row as an SQL function).
alter table rollups rename to rollups_by_level;
alter index rollups_pkey rename to rollups_by_level_pkey;
alter table flagged_rollups rename to flagged_rollups_by_level;
alter index flagged_rollups_pkey rename to flagged_rollups_by_level_pkey;

create table rollups (
	instrument_code text not null,
	grain char(1) not null check (grain in ('m', 'y')),
	period date not null,
	unit_code text not null,
	item text not null,
	block smallint not null check (block >= 0),
	kiosk0 integer not null default 0,
	kiosk1 integer not null default 0,
	kiosk2 integer not null default 0,
	kiosk3 integer not null default 0,
	kiosk4 integer not null default 0,
	kiosk5 integer not null default 0,
	kiosk6 integer not null default 0,
	kiosk7 integer not null default 0,
	paper0 integer not null default 0,
	paper1 integer not null default 0,
	paper2 integer not null default 0,
	paper3 integer not null default 0,
	paper4 integer not null default 0,
	paper5 integer not null default 0,
	paper6 integer not null default 0,
	paper7 integer not null default 0,
	web0 integer not null default 0,
	web1 integer not null default 0,
	web2 integer not null default 0,
	web3 integer not null default 0,
	web4 integer not null default 0,
	web5 integer not null default 0,
	web6 integer not null default 0,
	web7 integer not null default 0,
	dossier0 integer not null default 0,
	dossier1 integer not null default 0,
	dossier2 integer not null default 0,
	dossier3 integer not null default 0,
	dossier4 integer not null default 0,
	dossier5 integer not null default 0,
	dossier6 integer not null default 0,
	dossier7 integer not null default 0,
	primary key (instrument_code, grain, period, unit_code, item, block)
);
create table flagged_rollups (like rollups including all);

-- Both tables the same way: a level's counts go to its row (level / 8) and place (level % 8).
create or replace function pg_temp.reshape(source text, target text) returns void language plpgsql as $$
begin
	execute format('insert into %I (instrument_code, grain, period, unit_code, item, block,
			kiosk0, kiosk1, kiosk2, kiosk3, kiosk4, kiosk5, kiosk6, kiosk7, paper0, paper1, paper2, paper3, paper4, paper5, paper6, paper7, web0, web1, web2, web3, web4, web5, web6, web7, dossier0, dossier1, dossier2, dossier3, dossier4, dossier5, dossier6, dossier7)
		select instrument_code, grain, period, unit_code, item, level / 8,
			coalesce(sum(kiosk) filter (where level %% 8 = 0), 0),
			coalesce(sum(kiosk) filter (where level %% 8 = 1), 0),
			coalesce(sum(kiosk) filter (where level %% 8 = 2), 0),
			coalesce(sum(kiosk) filter (where level %% 8 = 3), 0),
			coalesce(sum(kiosk) filter (where level %% 8 = 4), 0),
			coalesce(sum(kiosk) filter (where level %% 8 = 5), 0),
			coalesce(sum(kiosk) filter (where level %% 8 = 6), 0),
			coalesce(sum(kiosk) filter (where level %% 8 = 7), 0),
			coalesce(sum(paper) filter (where level %% 8 = 0), 0),
			coalesce(sum(paper) filter (where level %% 8 = 1), 0),
			coalesce(sum(paper) filter (where level %% 8 = 2), 0),
			coalesce(sum(paper) filter (where level %% 8 = 3), 0),
			coalesce(sum(paper) filter (where level %% 8 = 4), 0),
			coalesce(sum(paper) filter (where level %% 8 = 5), 0),
			coalesce(sum(paper) filter (where level %% 8 = 6), 0),
			coalesce(sum(paper) filter (where level %% 8 = 7), 0),
			coalesce(sum(web) filter (where level %% 8 = 0), 0),
			coalesce(sum(web) filter (where level %% 8 = 1), 0),
			coalesce(sum(web) filter (where level %% 8 = 2), 0),
			coalesce(sum(web) filter (where level %% 8 = 3), 0),
			coalesce(sum(web) filter (where level %% 8 = 4), 0),
			coalesce(sum(web) filter (where level %% 8 = 5), 0),
			coalesce(sum(web) filter (where level %% 8 = 6), 0),
			coalesce(sum(web) filter (where level %% 8 = 7), 0),
			coalesce(sum(dossier) filter (where level %% 8 = 0), 0),
			coalesce(sum(dossier) filter (where level %% 8 = 1), 0),
			coalesce(sum(dossier) filter (where level %% 8 = 2), 0),
			coalesce(sum(dossier) filter (where level %% 8 = 3), 0),
			coalesce(sum(dossier) filter (where level %% 8 = 4), 0),
			coalesce(sum(dossier) filter (where level %% 8 = 5), 0),
			coalesce(sum(dossier) filter (where level %% 8 = 6), 0),
			coalesce(sum(dossier) filter (where level %% 8 = 7), 0)
		from %I
		group by instrument_code, grain, period, unit_code, item, level / 8', target, source);
end
$$;
select pg_temp.reshape('rollups_by_level', 'rollups');
select pg_temp.reshape('flagged_rollups_by_level', 'flagged_rollups');
drop table rollups_by_level;
drop table flagged_rollups_by_level;
