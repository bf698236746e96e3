-- Per route (origin, destination) and 6-hour tumbling window.
CREATE TABLE flights (
  `date`      TIMESTAMP(3),
  delay       BIGINT,
  distance    BIGINT,
  origin      STRING,
  destination STRING,
  WATERMARK FOR `date` AS `date` - INTERVAL '1' MINUTE
) WITH ('connector' = 'filesystem', 'path' = 'data/flights.jsonl', 'format' = 'json');

CREATE TABLE route_stats (
  window_start TIMESTAMP(3), window_end TIMESTAMP(3), origin STRING, destination STRING,
  flights BIGINT, with_delay BIGINT, total_delay BIGINT, avg_delay DOUBLE, max_distance BIGINT
) WITH ('connector' = 'print');

INSERT INTO route_stats
SELECT window_start, window_end, origin, destination,
       COUNT(*), COUNT(delay), SUM(delay), AVG(CAST(delay AS DOUBLE)), MAX(distance)
FROM TABLE(TUMBLE(TABLE flights, DESCRIPTOR(`date`), INTERVAL '6' HOUR))
GROUP BY window_start, window_end, origin, destination
HAVING COUNT(*) >= 4;
