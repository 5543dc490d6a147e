-- The tree's own counters (`WHOLE` in lib/survey/rollups.ts): every answer counted a second
-- time under the pseudo-unit `*`, so that a view of the whole province reads a hundred-odd
-- rows a period instead of every unit's. From here on every count writes them; this fills
-- them for the answers counted before.
insert into rollups (instrument_code, grain, period, unit_code, item, level, kiosk, paper, web, dossier)
select instrument_code, grain, period, '*', item, level, sum(kiosk), sum(paper), sum(web), sum(dossier)
from rollups
group by instrument_code, grain, period, item, level;

insert into flagged_rollups (instrument_code, grain, period, unit_code, item, level, kiosk, paper, web, dossier)
select instrument_code, grain, period, '*', item, level, sum(kiosk), sum(paper), sum(web), sum(dossier)
from flagged_rollups
group by instrument_code, grain, period, item, level;
