-- CUBE without a window: a changelog over the groups (k, flag), (k),
-- (flag) and (); GROUPING(k, flag) tells the levels apart, also from keys
-- that are NULL in the data.
CREATE TABLE events (
  ts   TIMESTAMP(3),
  k    STRING,
  a    BIGINT,
  b    INT,
  x    DOUBLE,
  flag BOOLEAN,
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'events.jsonl', 'format' = 'json');

CREATE TABLE cube_out (
  k STRING, flag BOOLEAN, g INT, n BIGINT, sum_b INT
) WITH ('connector' = 'print');

INSERT INTO cube_out
SELECT k, flag, GROUPING(k, flag), COUNT(*), SUM(b)
FROM events
GROUP BY CUBE (k, flag);
