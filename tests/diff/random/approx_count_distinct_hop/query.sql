-- APPROX_COUNT_DISTINCT over HOP windows (10 min every 1 min: a window's
-- sketch is the union of the records of 10 slides) against the exact
-- COUNT(DISTINCT), in windows of at least 300 records (HAVING, both sides).
-- The union of sparse sketches is exact but for coinciding 26-bit entries
-- (the windows hold fewer than 768 values): within 1%.
CREATE TABLE events (
  ts   TIMESTAMP(3),
  k    STRING,
  a    BIGINT,
  b    INT,
  x    DOUBLE,
  flag BOOLEAN,
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'events.jsonl', 'format' = 'json');

CREATE TABLE distinct_hop (
  window_start TIMESTAMP(3), n BIGINT, approx_a BIGINT, approx_x BIGINT
) WITH ('connector' = 'print');

INSERT INTO distinct_hop
SELECT window_start, COUNT(*), APPROX_COUNT_DISTINCT(a), APPROX_COUNT_DISTINCT(x)
FROM TABLE(HOP(TABLE events, DESCRIPTOR(ts), INTERVAL '1' MINUTE, INTERVAL '10' MINUTE))
GROUP BY window_start, window_end
HAVING COUNT(*) >= 300;
