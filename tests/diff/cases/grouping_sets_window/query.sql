-- GROUPING SETS in a window aggregation: per day, one row per route, per
-- origin and for all flights of the West-coast airports, with GROUPING() to
-- tell a rolled-up NULL from a key (GROUPING(a, b) = 2 * GROUPING(a) +
-- GROUPING(b)).
CREATE TABLE flights (
  `date`      TIMESTAMP(3),
  delay       BIGINT,
  distance    BIGINT,
  origin      STRING,
  destination STRING,
  WATERMARK FOR `date` AS `date` - INTERVAL '1' MINUTE
) WITH ('connector' = 'filesystem', 'path' = 'data/flights.jsonl', 'format' = 'json');

CREATE TABLE daily_sets (
  window_start TIMESTAMP(3), origin STRING, destination STRING, g_origin INT, g_dest INT, g_both INT,
  flights BIGINT, total_delay BIGINT
) WITH ('connector' = 'print');

INSERT INTO daily_sets
SELECT window_start, origin, destination, GROUPING(origin), GROUPING(destination),
       GROUPING(origin, destination), COUNT(*), SUM(delay)
FROM TABLE(TUMBLE(TABLE flights, DESCRIPTOR(`date`), INTERVAL '1' DAY))
WHERE origin IN ('SFO', 'LAX', 'SEA', 'PDX', 'SAN')
GROUP BY window_start, window_end, GROUPING SETS ((origin, destination), (origin), ());
