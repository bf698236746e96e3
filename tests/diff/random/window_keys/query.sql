-- Keyed 1-minute windows over nullable columns (NULL key = one group;
-- aggregates skip NULLs; SUM/MIN/MAX/AVG of only NULLs is NULL).
CREATE TABLE events (
  ts   TIMESTAMP(3),
  k    STRING,
  a    BIGINT,
  b    INT,
  x    DOUBLE,
  flag BOOLEAN,
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'events.jsonl', 'format' = 'json');

CREATE TABLE per_key (
  window_start TIMESTAMP(3), window_end TIMESTAMP(3), k STRING,
  n BIGINT, n_a BIGINT, sum_a BIGINT, min_a BIGINT, max_a BIGINT, avg_a DOUBLE,
  sum_x DOUBLE, min_x DOUBLE, max_x DOUBLE, avg_x DOUBLE, flagged INT, sum_b INT
) WITH ('connector' = 'print');

INSERT INTO per_key
SELECT window_start, window_end, k,
       COUNT(*), COUNT(a), SUM(a), MIN(a), MAX(a), AVG(CAST(a AS DOUBLE)),
       SUM(x), MIN(x), MAX(x), AVG(x),
       SUM(CASE WHEN flag THEN 1 ELSE 0 END), SUM(b)
FROM TABLE(TUMBLE(TABLE events, DESCRIPTOR(ts), INTERVAL '1' MINUTE))
GROUP BY window_start, window_end, k;
