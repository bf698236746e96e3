-- CUMULATE with an offset (step 20 s, size 2 min, offset 30 s: each cycle
-- starts 30 s past an even minute since the epoch), per flag (NULL too),
-- across 1970-01-01.
CREATE TABLE events (
  ts   TIMESTAMP(3),
  k    STRING,
  a    BIGINT,
  b    INT,
  x    DOUBLE,
  flag BOOLEAN,
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'events.jsonl', 'format' = 'json');

CREATE TABLE per_cumulate (
  flag BOOLEAN, window_start TIMESTAMP(3), window_end TIMESTAMP(3), n BIGINT, sum_b INT, max_x DOUBLE
) WITH ('connector' = 'print');

INSERT INTO per_cumulate
SELECT flag, window_start, window_end, COUNT(*), SUM(b), MAX(x)
FROM TABLE(CUMULATE(TABLE events, DESCRIPTOR(ts), INTERVAL '20' SECOND, INTERVAL '2' MINUTE, INTERVAL '30' SECOND))
GROUP BY flag, window_start, window_end;
