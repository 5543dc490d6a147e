-- "Does this instrument version have answers?" (listing instruments, refusing changes) must not
-- scan every response: for a version with none, it otherwise reads the whole table.
create index responses_instrument on responses (instrument_code, instrument_version);
