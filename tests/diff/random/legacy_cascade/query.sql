-- Cascading legacy group windows: a view counts records per k and minute
-- and exposes TUMBLE_ROWTIME (the window's end - 1 ms, a time attribute),
-- and a 10-minute GROUP BY TUMBLE over that rowtime sums the per-minute
-- counts (Flink's legacy way to cascade windows).
CREATE TABLE events (
  ts   TIMESTAMP(3),
  k    STRING,
  a    BIGINT,
  b    INT,
  x    DOUBLE,
  flag BOOLEAN,
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'events.jsonl', 'format' = 'json');

CREATE VIEW per_minute AS
SELECT k, TUMBLE_ROWTIME(ts, INTERVAL '1' MINUTE) AS rt, COUNT(*) AS c, MAX(a) AS max_a
FROM events
GROUP BY TUMBLE(ts, INTERVAL '1' MINUTE), k;

CREATE TABLE per_10m (
  w_start TIMESTAMP(3), w_end TIMESTAMP(3), key_minutes BIGINT, records BIGINT, max_a BIGINT, last_rt TIMESTAMP(3)
) WITH ('connector' = 'print');

INSERT INTO per_10m
SELECT TUMBLE_START(rt, INTERVAL '10' MINUTE), TUMBLE_END(rt, INTERVAL '10' MINUTE), COUNT(*), SUM(c), MAX(max_a),
       MAX(rt)
FROM per_minute
GROUP BY TUMBLE(rt, INTERVAL '10' MINUTE);
