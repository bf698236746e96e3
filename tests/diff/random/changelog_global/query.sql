-- Global aggregates without GROUP BY over nullable columns: one row, +I on
-- the first record, then -U/+U; STDDEV_POP and COUNT(DISTINCT) too.
CREATE TABLE events (
  ts   TIMESTAMP(3),
  k    STRING,
  a    BIGINT,
  b    INT,
  x    DOUBLE,
  flag BOOLEAN,
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'events.jsonl', 'format' = 'json');

CREATE TABLE totals (
  n BIGINT, n_a BIGINT, sum_a BIGINT, first_ts TIMESTAMP(3), max_x DOUBLE, keys BIGINT, avg_x DOUBLE,
  sd_x DOUBLE
) WITH ('connector' = 'print');

INSERT INTO totals
SELECT COUNT(*), COUNT(a), SUM(a), MIN(ts), MAX(x), COUNT(DISTINCT k), AVG(x), STDDEV_POP(x)
FROM events;
