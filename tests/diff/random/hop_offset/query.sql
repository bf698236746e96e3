-- HOP with an offset and a size that is not a multiple of the slide
-- (slide 40 s, size 100 s, offset -15 s: windows start at ..., -15 s, 25 s,
-- ... past each minute boundary, across 1970-01-01), per k with its NULL
-- group.
CREATE TABLE events (
  ts   TIMESTAMP(3),
  k    STRING,
  a    BIGINT,
  b    INT,
  x    DOUBLE,
  flag BOOLEAN,
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'events.jsonl', 'format' = 'json');

CREATE TABLE per_hop (
  k STRING, window_start TIMESTAMP(3), window_end TIMESTAMP(3), n BIGINT, sum_a BIGINT, avg_x DOUBLE,
  last_ts TIMESTAMP(3)
) WITH ('connector' = 'print');

INSERT INTO per_hop
SELECT k, window_start, window_end, COUNT(*), SUM(a), AVG(x), MAX(ts)
FROM TABLE(HOP(TABLE events, DESCRIPTOR(ts), INTERVAL '40' SECOND, INTERVAL '100' SECOND, INTERVAL '-15' SECOND))
GROUP BY k, window_start, window_end;
