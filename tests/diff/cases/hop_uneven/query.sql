-- HOP with a size that is not a multiple of the slide (slide 25 min, size
-- 1 h): a flight is in 2 or 3 windows; global (no key), with window_time.
CREATE TABLE flights (
  `date`      TIMESTAMP(3),
  delay       BIGINT,
  distance    BIGINT,
  origin      STRING,
  destination STRING,
  WATERMARK FOR `date` AS `date` - INTERVAL '1' MINUTE
) WITH ('connector' = 'filesystem', 'path' = 'data/flights.jsonl', 'format' = 'json');

CREATE TABLE hours_every_25 (
  window_start TIMESTAMP(3), window_end TIMESTAMP(3), window_time TIMESTAMP(3),
  flights BIGINT, total_delay BIGINT, min_delay BIGINT, max_delay BIGINT, routes_gt_2000 INT
) WITH ('connector' = 'print');

INSERT INTO hours_every_25
SELECT window_start, window_end, window_time, COUNT(*), SUM(delay), MIN(delay), MAX(delay),
       SUM(CASE WHEN distance > 2000 THEN 1 ELSE 0 END)
FROM TABLE(HOP(TABLE flights, DESCRIPTOR(`date`), INTERVAL '25' MINUTE, INTERVAL '1' HOUR))
GROUP BY window_start, window_end, window_time;
