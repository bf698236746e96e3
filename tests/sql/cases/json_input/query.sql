-- JSON input decoding: fields in any order, unknown fields (also nested
-- objects/arrays holding '}' and ']' inside strings) skipped, missing fields
-- are NULL, string escapes (\" \\ \/ \n \t \u0001, \u00e9, a surrogate pair
-- for U+1F600), numbers (1e3 for a DOUBLE, a BIGINT beyond 2^53), every
-- accepted timestamp form. Output: every column in declaration order, strings
-- re-escaped (control characters as \n, \t, \u0001; UTF-8 passes through),
-- doubles shortest (1e3 -> 1000, -0.25), timestamps 'YYYY-MM-DD HH:MM:SS.fff'.
--
-- Expected rows by hand:
--  1: plain row; ts '2024-01-01 00:00:00' -> ".000"
--  2: same fields in reverse order; ts with .250
--  3: only id and name present among declared fields: the rest is null
--  4: name d"q\e, price 1000, ok null, big 9007199254740993 (exact),
--     ts 1704067200123 epoch ms = 2024-01-01 00:00:00.123
--  5: name U+00E9 U+1F600 (UTF-8), ts ISO '2024-01-01T00:00:02Z'
--  6: name x<LF>y<TAB>z<U+0001>/ ; ts with +02:00 offset = 2024-01-01 08:00:00 UTC
--  7: ts with one fraction digit (.5 -> 500 ms) and with 6 (.123456 -> 123 ms)
--  9, 10: numbers with a fraction or exponent for INT and BIGINT: truncated,
--     as Flink's JSON format does (9.0 -> 9, 1e2 -> 100, 10.9 -> 10, -2.5 -> -2)
CREATE TABLE ev (
  id    INT,
  name  STRING,
  price DOUBLE,
  ok    BOOLEAN,
  big   BIGINT,
  ts    TIMESTAMP(3)
) WITH ('connector' = 'filesystem', 'path' = 'ev.jsonl', 'format' = 'json');

CREATE TABLE out_rows (
  id    INT,
  name  STRING,
  price DOUBLE,
  ok    BOOLEAN,
  big   BIGINT,
  ts    TIMESTAMP(3)
) WITH ('connector' = 'filesystem', 'path' = 'out_rows.jsonl', 'format' = 'json');

INSERT INTO out_rows SELECT * FROM ev;
