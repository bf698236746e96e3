-- An aggregation without a window has nothing to be late for: over the
-- input with late records, GROUP BY k counts every record and the source
-- reports 0 late.
CREATE TABLE events (
  ts   TIMESTAMP(3),
  k    STRING,
  a    BIGINT,
  b    INT,
  x    DOUBLE,
  flag BOOLEAN,
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'events.jsonl', 'format' = 'json');

CREATE TABLE per_key (k STRING, n BIGINT, sum_a BIGINT, min_ts TIMESTAMP(3)) WITH ('connector' = 'print');

INSERT INTO per_key
SELECT k, COUNT(*), SUM(a), MIN(ts) FROM events GROUP BY k;
