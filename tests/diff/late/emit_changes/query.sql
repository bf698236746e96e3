-- EMIT CHANGES on a TUMBLE aggregation (20 s, per flag) with late records:
-- the window's row after every record it takes (+I, -U/+U); late records
-- (the window had fired: watermark before them >= end - 1 ms) change
-- nothing and are counted.
CREATE TABLE events (
  ts   TIMESTAMP(3),
  k    STRING,
  a    BIGINT,
  b    INT,
  x    DOUBLE,
  flag BOOLEAN,
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'events.jsonl', 'format' = 'json');

CREATE TABLE flag_changes (
  flag BOOLEAN, window_start TIMESTAMP(3), n BIGINT, sum_b INT, min_k STRING
) WITH ('connector' = 'print');

INSERT INTO flag_changes
SELECT flag, window_start, COUNT(*), SUM(b), MIN(k)
FROM TABLE(TUMBLE(TABLE events, DESCRIPTOR(ts), INTERVAL '20' SECOND))
GROUP BY flag, window_start, window_end
EMIT CHANGES;
