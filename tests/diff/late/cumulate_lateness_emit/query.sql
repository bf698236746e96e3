-- CUMULATE (step 10 s, size 30 s) per flag with EMIT CHANGES and 10 s
-- allowed lateness: rows go out as records arrive, late records within the
-- lateness still update their windows, later ones are dropped per window
-- (late when dropped from all, i.e. from the full 30 s window).
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

CREATE TABLE cum_changes (
  flag BOOLEAN, window_start TIMESTAMP(3), window_end TIMESTAMP(3), n BIGINT, sum_a BIGINT
) WITH ('connector' = 'print');

INSERT INTO cum_changes
SELECT flag, window_start, window_end, COUNT(*), SUM(a)
FROM TABLE(CUMULATE(TABLE events, DESCRIPTOR(ts), INTERVAL '10' SECOND, INTERVAL '30' SECOND))
GROUP BY flag, window_start, window_end
EMIT CHANGES;
