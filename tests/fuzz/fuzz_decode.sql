-- The program tests/fuzz/fuzz_decode.c fuzzes: a source with every column
-- type the decoder supports (and a NOT NULL column and a watermark), read by
-- a projection that uses every column and by a window aggregation, so that
-- every typed decoder, the expression code and the encoders of both sinks
-- run on the fuzzed records.
CREATE TABLE ev (
  b   BOOLEAN,
  t   TINYINT,
  sm  SMALLINT,
  i   INT NOT NULL,
  bi  BIGINT,
  f   FLOAT,
  d   DOUBLE,
  s   STRING,
  `weird "key"\` STRING,
  ts  TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '3' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'ev.jsonl', 'format' = 'json');

CREATE TABLE rows_out WITH ('connector' = 'filesystem', 'path' = 'rows.jsonl') AS
SELECT b, t, sm, i, bi, f, d, s, `weird "key"\` AS w, ts,
       CASE WHEN b THEN UPPER(s) ELSE LOWER(s) END AS cs,
       SUBSTRING(s, t, sm) AS sub, TRIM(BOTH 'x' FROM s) AS tr, CHAR_LENGTH(s) AS len,
       s LIKE '%a_b%' AS lk, s || CAST(d AS STRING) AS cat, CAST(s AS INT) AS si,
       CAST(s AS DOUBLE) AS sd, CAST(s AS TIMESTAMP(3)) AS sts, CAST(s AS BOOLEAN) AS sb,
       i / t AS q, bi % sm AS r, ROUND(d, t) AS rd, ABS(bi) AS ab, CAST(d AS BIGINT) AS db,
       CAST(ts AS STRING) AS tss, COALESCE(bi, i) AS co, t IN (1, 2, NULL) AS tin
FROM ev;

CREATE TABLE agg_out WITH ('connector' = 'filesystem', 'path' = 'agg.jsonl') AS
SELECT s, window_start, window_end, COUNT(*) AS n, COUNT(d) AS nd, SUM(i) AS si, SUM(d) AS sd,
       AVG(bi) AS ab, MIN(s) AS mn, MAX(`weird "key"\`) AS mx, MIN(ts) AS mts, MAX(b) AS mb,
       SUM(CASE WHEN b THEN 1 ELSE 0 END) AS nb
FROM TABLE(TUMBLE(TABLE ev, DESCRIPTOR(ts), INTERVAL '2' SECOND))
WHERE i <> 7
GROUP BY s, window_start, window_end
HAVING COUNT(*) > 0 OR MIN(s) IS NULL;
