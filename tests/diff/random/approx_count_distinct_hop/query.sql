-- APPROX_COUNT_DISTINCT over HOP windows (10 min every 1 min: a window's
-- sketch is the union of the records of 10 slides) within 5% of the exact
-- COUNT(DISTINCT), in windows of at least 300 records (HAVING, both sides):
-- there 5% is over 4 standard errors of 4096 registers. In small windows a
-- single register collision (a few in a thousand pairs) is already more.
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
