-- Repeated timestamp texts (the decoder caches the last canonical text per
-- column and reuses its value): equal texts must give equal values, and a
-- different text - also one that differs only in its last digit, or in the
-- 19-character form, or one that merely starts like the cached one - must
-- be parsed afresh. A cached text followed by more characters is a
-- different, invalid timestamp.
--
-- Expected by hand (ts echoed, id identifies the line):
--  1 2001-01-01 10:00:00.000   first parse
--  2 2001-01-01 10:00:00.000   same text (cache hit)
--  3 2001-01-01 10:00:00.001   last digit differs
--  4 2001-01-01 10:00:00.001   hit again
--  5 2001-01-01 10:00:00.000   19-character form of line 1's instant
--  6 2001-01-01 10:00:00.000   same 19-character text
--  line 7: '2001-01-01 10:00:00.000Z' (24 chars, ISO with Z) = same instant
--  line 8: '2001-01-01 10:00:00.0001x' is not a timestamp -> malformed
CREATE TABLE ev (id INT, ts TIMESTAMP(3)) WITH ('connector' = 'filesystem', 'path' = 'ev.jsonl', 'format' = 'json');
CREATE TABLE out1 (id INT, ts TIMESTAMP(3)) WITH ('connector' = 'print');
INSERT INTO out1 SELECT id, ts FROM ev;
