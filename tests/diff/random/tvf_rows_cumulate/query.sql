-- CUMULATE as a table function without aggregation: each record once per
-- window that holds it (step 15 s, size 1 min: the windows of its minute
-- that end after it), with window_start/window_end/window_time, filtered.
CREATE TABLE events (
  ts   TIMESTAMP(3),
  k    STRING,
  a    BIGINT,
  b    INT,
  x    DOUBLE,
  flag BOOLEAN,
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'events.jsonl', 'format' = 'json');

CREATE TABLE cum_rows (
  ts TIMESTAMP(3), k STRING, b INT, window_start TIMESTAMP(3), window_end TIMESTAMP(3), window_time TIMESTAMP(3)
) WITH ('connector' = 'print');

INSERT INTO cum_rows
SELECT ts, k, b, window_start, window_end, window_time
FROM TABLE(CUMULATE(TABLE events, DESCRIPTOR(ts), INTERVAL '15' SECOND, INTERVAL '1' MINUTE))
WHERE b > 5;
