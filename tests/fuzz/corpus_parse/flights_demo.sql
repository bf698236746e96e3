-- hourly delay statistics per origin airport
CREATE TABLE flights (
  `date` TIMESTAMP(3),
  delay BIGINT,
  distance BIGINT,
  origin STRING,
  destination STRING,
  WATERMARK FOR `date` AS `date` - INTERVAL '5' MINUTE
) WITH ('connector' = 'filesystem', 'path' = 'data/flights.jsonl', 'format' = 'json');

CREATE TABLE hourly_delays (origin STRING, window_start TIMESTAMP(3), window_end TIMESTAMP(3),
  flights BIGINT, avg_delay DOUBLE, min_delay BIGINT, max_delay BIGINT, delayed BIGINT)
WITH ('connector' = 'print');

INSERT INTO hourly_delays
SELECT origin, window_start, window_end, COUNT(*) AS flights,
       AVG(CAST(delay AS DOUBLE)) AS avg_delay, MIN(delay), MAX(delay),
       SUM(CASE WHEN delay > 15 THEN 1 ELSE 0 END) AS delayed
FROM TABLE(TUMBLE(TABLE flights, DESCRIPTOR(`date`), INTERVAL '1' HOUR))
WHERE origin IS NOT NULL AND destination NOT IN ('XXX', 'YYY') AND origin LIKE 'S%'
GROUP BY origin, window_start, window_end
HAVING COUNT(*) >= 5;
CREATE STREAM big_delays WITH (kafka_topic='big', value_format='JSON') AS
  SELECT origin, delay FROM flights WHERE delay BETWEEN 60 AND 600 EMIT CHANGES;
