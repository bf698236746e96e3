-- Window aggregate (TUMBLE, append-only) into a file: the flights example.
CREATE TABLE flights (
  `date` TIMESTAMP(3), delay BIGINT, distance BIGINT, origin STRING, destination STRING,
  WATERMARK FOR `date` AS `date` - INTERVAL '5' MINUTE
) WITH ('connector' = 'filesystem', 'path' = 'data/flights.jsonl', 'format' = 'json');

CREATE TABLE hourly_delays (
  origin STRING, window_start TIMESTAMP(3), window_end TIMESTAMP(3), flights BIGINT,
  avg_delay DOUBLE, min_delay BIGINT, max_delay BIGINT, delayed BIGINT
) WITH ('connector' = 'filesystem', 'path' = 'hourly_delays.jsonl', 'format' = 'json');

INSERT INTO hourly_delays
SELECT origin, window_start, window_end, COUNT(*) AS flights, AVG(CAST(delay AS DOUBLE)),
       MIN(delay), MAX(delay), SUM(CASE WHEN delay > 15 THEN 1 ELSE 0 END)
FROM TABLE(TUMBLE(TABLE flights, DESCRIPTOR(`date`), INTERVAL '1' HOUR))
GROUP BY origin, window_start, window_end
HAVING COUNT(*) >= 5;
