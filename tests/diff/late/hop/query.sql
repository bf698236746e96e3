-- Late records in HOP windows (slide 5 s, size 15 s) with a WHERE: a record
-- is dropped from each of its windows that had fired (watermark before it
-- >= end - 1 ms) and kept in the others; it counts as late only when it was
-- dropped from all of them. Records WHERE removes are never late.
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
  window_start TIMESTAMP(3), window_end TIMESTAMP(3), n BIGINT, sum_x DOUBLE, max_a BIGINT
) WITH ('connector' = 'print');

INSERT INTO per_hop
SELECT window_start, window_end, COUNT(*), SUM(x), MAX(a)
FROM TABLE(HOP(TABLE events, DESCRIPTOR(ts), INTERVAL '5' SECOND, INTERVAL '15' SECOND))
WHERE a > 0
GROUP BY window_start, window_end;
