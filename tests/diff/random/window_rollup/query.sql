-- ROLLUP in a window aggregation: per 10 minutes, the groups (flag, b),
-- (flag) and (); GROUPING() of each key separately.
CREATE TABLE events (
  ts   TIMESTAMP(3),
  k    STRING,
  a    BIGINT,
  b    INT,
  x    DOUBLE,
  flag BOOLEAN,
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'events.jsonl', 'format' = 'json');

CREATE TABLE rollup_10m (
  window_start TIMESTAMP(3), flag BOOLEAN, b INT, g_flag INT, g_b INT, n BIGINT, sum_x DOUBLE
) WITH ('connector' = 'print');

INSERT INTO rollup_10m
SELECT window_start, flag, b, GROUPING(flag), GROUPING(b), COUNT(*), SUM(x)
FROM TABLE(TUMBLE(TABLE events, DESCRIPTOR(ts), INTERVAL '10' MINUTE))
GROUP BY window_start, window_end, ROLLUP (flag, b);
