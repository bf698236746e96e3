-- Global 10-minute windows across 1970-01-01 (windows before the epoch are
-- aligned by floor division), with WHERE, HAVING and SUM(CASE ...).
CREATE TABLE events (
  ts   TIMESTAMP(3),
  k    STRING,
  a    BIGINT,
  b    INT,
  x    DOUBLE,
  flag BOOLEAN,
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'events.jsonl', 'format' = 'json');

CREATE TABLE per_window (
  window_start TIMESTAMP(3), window_end TIMESTAMP(3),
  n BIGINT, n_k BIGINT, negatives INT, first_ts TIMESTAMP(3), last_ts TIMESTAMP(3),
  min_x DOUBLE, total_a BIGINT
) WITH ('connector' = 'print');

INSERT INTO per_window
SELECT window_start, window_end,
       COUNT(*), COUNT(k), SUM(CASE WHEN a < 0 THEN 1 ELSE 0 END), MIN(ts), MAX(ts),
       MIN(x), SUM(COALESCE(a, 0))
FROM TABLE(TUMBLE(TABLE events, DESCRIPTOR(ts), INTERVAL '10' MINUTE))
WHERE b IS NOT NULL
GROUP BY window_start, window_end
HAVING COUNT(*) > 10 AND SUM(CASE WHEN flag THEN 1 ELSE 0 END) >= 1;
