-- Dashboards: the dossiers each unit handled per year (its Slovin sample target), and the
-- indexes the service-field filter, the comment search and the counter ratings read through.

create table unit_dossiers (
	unit_code text not null references units (code),
	year integer not null check (year between 2000 and 2100),
	dossiers integer not null check (dossiers >= 0),
	updated_by uuid references users (id),
	updated_at timestamptz not null default now(),
	primary key (unit_code, year)
);

-- The counters have no service field (free text would multiply them): a field filter reads
-- the matching answers of the scope and period through this index.
create index responses_field on responses (instrument_code, (answers->>'field'), unit_code, day)
	where status = 'valid';

-- Comments are a few percent of the answers: a manager's search reads only those.
create index responses_comments on responses (unit_code, day)
	where comment is not null and status = 'valid';

-- The rollup counters, reshaped for reading: one row per (questionnaire, grain, period, unit,
-- item, level) with a count per channel, keyed period first. A dashboard reads one period
-- across many units; with the channel in the key every read touched three rows where one
-- does, and a unit-first key made the planner scan the whole table for a province.
create table rollups_by_channel (
	instrument_code text not null,
	grain char(1) not null check (grain in ('m', 'y')),
	period date not null,
	unit_code text not null,
	item text not null,
	level smallint not null,
	kiosk integer not null default 0,
	paper integer not null default 0,
	web integer not null default 0,
	primary key (instrument_code, grain, period, unit_code, item, level)
);
insert into rollups_by_channel (instrument_code, grain, period, unit_code, item, level, kiosk, paper, web)
select instrument_code, grain, period, unit_code, item, level,
	coalesce(sum(n) filter (where channel = 'kiosk'), 0),
	coalesce(sum(n) filter (where channel = 'paper'), 0),
	coalesce(sum(n) filter (where channel = 'web'), 0)
from rollups
where grain in ('m', 'y')
group by instrument_code, grain, period, unit_code, item, level;
drop table rollups;
alter table rollups_by_channel rename to rollups;
alter index rollups_by_channel_pkey rename to rollups_pkey;

-- Comments as people search them: lower case, Vietnamese marks and decomposed accents removed,
-- spaces collapsed. Computed once when written (translate over this alphabet costs ~0.1 ms a
-- comment, too slow to run at every search). The same folding as unaccented() in
-- lib/survey/text.ts; a test checks the two agree letter by letter.
alter table responses add column comment_plain text generated always as (
	regexp_replace(
		translate(comment, 'ABCDEFGHIJKLMNOPQRSTUVWXYZÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖÙÚÛÜÝàáâãäåçèéêëìíîïñòóôõöùúûüýÿĀāĂăĄąĆćĈĉĊċČčĎďĐđĒēĔĕĖėĘęĚěĜĝĞğĠġĢģĤĥĨĩĪīĬĭĮįİĴĵĶķĹĺĻļĽľŃńŅņŇňŌōŎŏŐőŔŕŖŗŘřŚśŜŝŞşŠšŢţŤťŨũŪūŬŭŮůŰűŲųŴŵŶŷŸŹźŻżŽžƠơƯưǍǎǏǐǑǒǓǔǕǖǗǘǙǚǛǜǞǟǠǡǦǧǨǩǪǫǬǭǰǴǵǸǹǺǻȀȁȂȃȄȅȆȇȈȉȊȋȌȍȎȏȐȑȒȓȔȕȖȗȘșȚțȞȟȦȧȨȩȪȫȬȭȮȯȰȱȲȳẠạẢảẤấẦầẨẩẪẫẬậẮắẰằẲẳẴẵẶặẸẹẺẻẼẽẾếỀềỂểỄễỆệỈỉỊịỌọỎỏỐốỒồỔổỖỗỘộỚớỜờỞởỠỡỢợỤụỦủỨứỪừỬửỮữỰựỲỳỴỵỶỷỸỹ̴̵̶̷̸̡̢̧̨̛̖̗̘̙̜̝̞̟̠̣̤̥̦̩̪̫̬̭̮̯̰̱̲̳̹̺̻̼͇͈͉͍͎̀́̂̃̄̅̆̇̈̉̊̋̌̍̎̏̐̑̒̓̔̽̾̿̀́͂̓̈́͆͊͋͌̕̚ͅ͏͓͔͕͖͙͚͐͑͒͗͛ͣͤͥͦͧͨͩͪͫͬͭͮͯ͘͜͟͢͝͞͠͡', 'abcdefghijklmnopqrstuvwxyzaaaaaaceeeeiiiinooooouuuuyaaaaaaceeeeiiiinooooouuuuyyaaaaaaccccccccddddeeeeeeeeeegggggggghhiiiiiiiiijjkkllllllnnnnnnoooooorrrrrrssssssssttttuuuuuuuuuuuuwwyyyzzzzzzoouuaaiioouuuuuuuuuuaaaaggkkoooojggnnaaaaaaeeeeiiiioooorrrruuuusstthhaaeeooooooooyyaaaaaaaaaaaaaaaaaaaaaaaaeeeeeeeeeeeeeeeeiiiioooooooooooooooooooooooouuuuuuuuuuuuuuyyyyyyyy'),
		'\s+', ' ', 'g'
	)
) stored;
