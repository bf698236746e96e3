-- ksqlDB GRACE PERIOD as allowed lateness: WINDOW TUMBLING (SIZE 30 SECONDS,
-- GRACE PERIOD 10 SECONDS) per b; late records within 10 s of watermark
-- after the window fired update it (-U/+U), later ones are dropped and
-- counted. Changelog applied = batch over the records kept.
CREATE TABLE events (
  ts   TIMESTAMP(3),
  k    STRING,
  a    BIGINT,
  b    INT,
  x    DOUBLE,
  flag BOOLEAN,
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'events.jsonl', 'format' = 'json');

CREATE TABLE per_b (
  b INT, ws TIMESTAMP(3), we TIMESTAMP(3), n BIGINT, sum_x DOUBLE
) WITH ('connector' = 'print');

INSERT INTO per_b
SELECT b, WINDOWSTART, WINDOWEND, COUNT(*), SUM(x)
FROM events
WINDOW TUMBLING (SIZE 30 SECONDS, GRACE PERIOD 10 SECONDS)
GROUP BY b;
