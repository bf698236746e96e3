-- Daily arrivals per destination airport (1-day tumbling windows).
CREATE TABLE flights (
  `date`      TIMESTAMP(3),
  delay       BIGINT,
  distance    BIGINT,
  origin      STRING,
  destination STRING,
  WATERMARK FOR `date` AS `date` - INTERVAL '1' MINUTE
) WITH ('connector' = 'filesystem', 'path' = 'data/flights.jsonl', 'format' = 'json');

CREATE TABLE daily_arrivals (
  window_start TIMESTAMP(3), window_end TIMESTAMP(3), destination STRING,
  arrivals BIGINT, total_distance BIGINT, avg_distance DOUBLE,
  min_delay BIGINT, max_delay BIGINT, total_delay BIGINT
) WITH ('connector' = 'print');

INSERT INTO daily_arrivals
SELECT window_start, window_end, destination,
       COUNT(*), SUM(distance), AVG(CAST(distance AS DOUBLE)),
       MIN(delay), MAX(delay), SUM(delay)
FROM TABLE(TUMBLE(TABLE flights, DESCRIPTOR(`date`), INTERVAL '1' DAY))
GROUP BY window_start, window_end, destination;
