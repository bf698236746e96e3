-- SESSION windows with PARTITION BY over out-of-order input (within the
-- watermark delay, so nothing is late and no session fires early): per k,
-- with its NULL partition, records at most 40 s apart are one session;
-- sessions cross 1970-01-01.
CREATE TABLE events (
  ts   TIMESTAMP(3),
  k    STRING,
  a    BIGINT,
  b    INT,
  x    DOUBLE,
  flag BOOLEAN,
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'events.jsonl', 'format' = 'json');

CREATE TABLE k_sessions (
  k STRING, window_start TIMESTAMP(3), window_end TIMESTAMP(3), n BIGINT, sum_a BIGINT, min_x DOUBLE,
  max_x DOUBLE
) WITH ('connector' = 'print');

INSERT INTO k_sessions
SELECT k, window_start, window_end, COUNT(*), SUM(a), MIN(x), MAX(x)
FROM TABLE(SESSION(TABLE events PARTITION BY k, DESCRIPTOR(ts), INTERVAL '40' SECOND))
GROUP BY k, window_start, window_end;
