-- APPROX_COUNT_DISTINCT per 10-minute window over nullable columns of three
-- types (BIGINT, DOUBLE, STRING; NULLs are not counted) against the exact
-- COUNT(DISTINCT), in windows of at least 300 records (HAVING, both sides).
-- They hold fewer than 768 distinct values, where the sketch is sparse and
-- exact but for coinciding 26-bit entries (one lost value in a few hundred
-- windows): within 1%. Estimating from the 4096 registers instead would be
-- 1.1% off at one standard error, and fails this.
CREATE TABLE events (
  ts   TIMESTAMP(3),
  k    STRING,
  a    BIGINT,
  b    INT,
  x    DOUBLE,
  flag BOOLEAN,
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'events.jsonl', 'format' = 'json');

CREATE TABLE distinct_10m (
  window_start TIMESTAMP(3), n BIGINT, approx_a BIGINT, approx_x BIGINT, approx_k BIGINT
) WITH ('connector' = 'print');

INSERT INTO distinct_10m
SELECT window_start, COUNT(*), APPROX_COUNT_DISTINCT(a), APPROX_COUNT_DISTINCT(x), APPROX_COUNT_DISTINCT(k)
FROM TABLE(TUMBLE(TABLE events, DESCRIPTOR(ts), INTERVAL '10' MINUTE))
GROUP BY window_start, window_end
HAVING COUNT(*) >= 300;
