-- Late records in 10-second TUMBLE windows per flag: a record is dropped
-- (and counted late) when the watermark just before it (the largest ts
-- before it - 5 s) had reached its window's end - 1 ms; the rest aggregate
-- as in batch.
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
  flag BOOLEAN, window_start TIMESTAMP(3), window_end TIMESTAMP(3), n BIGINT, sum_a BIGINT,
  first_ts TIMESTAMP(3), last_ts TIMESTAMP(3)
) WITH ('connector' = 'print');

INSERT INTO per_flag
SELECT flag, window_start, window_end, COUNT(*), SUM(a), MIN(ts), MAX(ts)
FROM TABLE(TUMBLE(TABLE events, DESCRIPTOR(ts), INTERVAL '10' SECOND))
GROUP BY flag, window_start, window_end;
