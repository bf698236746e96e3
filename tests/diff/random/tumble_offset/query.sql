-- TUMBLE with a negative offset (1 min, offset -20 s: windows [..:40, ..:40)
-- of the next minute) per b, with window_time, across 1970-01-01.
CREATE TABLE events (
  ts   TIMESTAMP(3),
  k    STRING,
  a    BIGINT,
  b    INT,
  x    DOUBLE,
  flag BOOLEAN,
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'events.jsonl', 'format' = 'json');

CREATE TABLE per_minute_40 (
  b INT, window_start TIMESTAMP(3), window_end TIMESTAMP(3), window_time TIMESTAMP(3), n BIGINT, sum_x DOUBLE
) WITH ('connector' = 'print');

INSERT INTO per_minute_40
SELECT b, window_start, window_end, window_time, COUNT(*), SUM(x)
FROM TABLE(TUMBLE(TABLE events, DESCRIPTOR(ts), INTERVAL '1' MINUTE, INTERVAL '-20' SECOND))
GROUP BY b, window_start, window_end, window_time;
