-- DISTINCT aggregates over nullable columns in 5-minute windows: COUNT,
-- SUM, AVG (INT: truncated toward zero), MIN of distinct values, and a
-- COUNT(DISTINCT) with FILTER; NULLs are not values.
CREATE TABLE events (
  ts   TIMESTAMP(3),
  k    STRING,
  a    BIGINT,
  b    INT,
  x    DOUBLE,
  flag BOOLEAN,
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'events.jsonl', 'format' = 'json');

CREATE TABLE per_5min (
  window_start TIMESTAMP(3), n BIGINT, keys BIGINT, sum_b INT, avg_b INT, min_a BIGINT, flagged_x BIGINT
) WITH ('connector' = 'print');

INSERT INTO per_5min
SELECT window_start, COUNT(*), COUNT(DISTINCT k), SUM(DISTINCT b), AVG(DISTINCT b), MIN(DISTINCT a),
       COUNT(DISTINCT x) FILTER (WHERE flag)
FROM TABLE(TUMBLE(TABLE events, DESCRIPTOR(ts), INTERVAL '5' MINUTE))
GROUP BY window_start, window_end;
