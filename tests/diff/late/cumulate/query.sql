-- Late records in CUMULATE windows (step 10 s, size 1 min) per b: dropped
-- from each window of its minute that had fired, kept in the later ones;
-- late (counted) only when even the full-minute window had fired.
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
  b INT, window_start TIMESTAMP(3), window_end TIMESTAMP(3), n BIGINT, sum_a BIGINT
) WITH ('connector' = 'print');

INSERT INTO per_cumulate
SELECT b, window_start, window_end, COUNT(*), SUM(a)
FROM TABLE(CUMULATE(TABLE events, DESCRIPTOR(ts), INTERVAL '10' SECOND, INTERVAL '1' MINUTE))
GROUP BY b, window_start, window_end;
