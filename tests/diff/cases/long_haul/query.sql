-- WHERE + HAVING + SUM(CASE ...): late long-haul departures per origin, 2 hours.
CREATE TABLE flights (
  `date`      TIMESTAMP(3),
  delay       BIGINT,
  distance    BIGINT,
  origin      STRING,
  destination STRING,
  WATERMARK FOR `date` AS `date` - INTERVAL '1' MINUTE
) WITH ('connector' = 'filesystem', 'path' = 'data/flights.jsonl', 'format' = 'json');

CREATE TABLE late_long_haul (
  window_start TIMESTAMP(3), window_end TIMESTAMP(3), origin STRING,
  flights BIGINT, late_flights INT, early_minutes BIGINT, share_late DOUBLE
) WITH ('connector' = 'print');

INSERT INTO late_long_haul
SELECT window_start, window_end, origin,
       COUNT(*),
       SUM(CASE WHEN delay > 30 THEN 1 ELSE 0 END),
       SUM(CASE WHEN delay < 0 THEN -delay ELSE 0 END),
       CAST(SUM(CASE WHEN delay > 30 THEN 1 ELSE 0 END) AS DOUBLE) / COUNT(*)
FROM TABLE(TUMBLE(TABLE flights, DESCRIPTOR(`date`), INTERVAL '2' HOUR))
WHERE distance >= 1000
GROUP BY window_start, window_end, origin
HAVING COUNT(*) >= 3 AND SUM(CASE WHEN delay > 30 THEN 1 ELSE 0 END) > 0;
