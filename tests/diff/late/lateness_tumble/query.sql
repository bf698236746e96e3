-- Allowed lateness: SET 'table.exec.emit.allow-lateness' = '10 s' keeps a
-- fired 10-second window for 10 s more of watermark; a late record within
-- that updates it (-U old, +U new); only records later than that are
-- dropped and counted. The changelog applied to an empty table equals the
-- batch result over the records not dropped.
SET 'table.exec.emit.allow-lateness' = '10 s';
CREATE TABLE events (
  ts   TIMESTAMP(3),
  k    STRING,
  a    BIGINT,
  b    INT,
  x    DOUBLE,
  flag BOOLEAN,
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'events.jsonl', 'format' = 'json');

CREATE TABLE per_flag (
  flag BOOLEAN, window_start TIMESTAMP(3), window_end TIMESTAMP(3), n BIGINT, sum_a BIGINT, max_ts TIMESTAMP(3)
) WITH ('connector' = 'print');

INSERT INTO per_flag
SELECT flag, window_start, window_end, COUNT(*), SUM(a), MAX(ts)
FROM TABLE(TUMBLE(TABLE events, DESCRIPTOR(ts), INTERVAL '10' SECOND))
GROUP BY flag, window_start, window_end;
