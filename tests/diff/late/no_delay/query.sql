-- A watermark without delay (WATERMARK FOR ts AS ts) over the input with
-- late records: the watermark is the largest ts so far, so every record
-- behind the latest window end is late; TUMBLE 30 s per b, WHERE on a
-- nullable column (records it removes are never late).
CREATE TABLE events (
  ts   TIMESTAMP(3),
  k    STRING,
  a    BIGINT,
  b    INT,
  x    DOUBLE,
  flag BOOLEAN,
  WATERMARK FOR ts AS ts
) WITH ('connector' = 'filesystem', 'path' = 'events.jsonl', 'format' = 'json');

CREATE TABLE strict (
  b INT, window_start TIMESTAMP(3), n BIGINT, min_x DOUBLE
) WITH ('connector' = 'print');

INSERT INTO strict
SELECT b, window_start, COUNT(*), MIN(x)
FROM TABLE(TUMBLE(TABLE events, DESCRIPTOR(ts), INTERVAL '30' SECOND))
WHERE x > 0
GROUP BY b, window_start, window_end;
