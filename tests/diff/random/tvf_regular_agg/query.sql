-- A regular (not windowed) aggregation over a window TVF: GROUP BY
-- window_start without window_end is no window aggregation in Flink, so it
-- is a changelog keyed by (window_start, flag) that updates on every record.
CREATE TABLE events (
  ts   TIMESTAMP(3),
  k    STRING,
  a    BIGINT,
  b    INT,
  x    DOUBLE,
  flag BOOLEAN,
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'events.jsonl', 'format' = 'json');

CREATE TABLE per_start (
  window_start TIMESTAMP(3), flag BOOLEAN, n BIGINT, max_a BIGINT
) WITH ('connector' = 'print');

INSERT INTO per_start
SELECT window_start, flag, COUNT(*), MAX(a)
FROM TABLE(TUMBLE(TABLE events, DESCRIPTOR(ts), INTERVAL '5' MINUTE))
GROUP BY window_start, flag;
