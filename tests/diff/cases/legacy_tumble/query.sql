-- Legacy group window GROUP BY TUMBLE(ts, size) with TUMBLE_START and
-- TUMBLE_END: 12-hour windows per origin (the window is a GROUP BY item,
-- listed after the key).
CREATE TABLE flights (
  `date`      TIMESTAMP(3),
  delay       BIGINT,
  distance    BIGINT,
  origin      STRING,
  destination STRING,
  WATERMARK FOR `date` AS `date` - INTERVAL '1' MINUTE
) WITH ('connector' = 'filesystem', 'path' = 'data/flights.jsonl', 'format' = 'json');

CREATE TABLE six_hours (
  origin STRING, w_start TIMESTAMP(3), w_end TIMESTAMP(3), flights BIGINT, total_delay BIGINT,
  avg_distance DOUBLE
) WITH ('connector' = 'print');

INSERT INTO six_hours
SELECT origin, TUMBLE_START(`date`, INTERVAL '12' HOUR), TUMBLE_END(`date`, INTERVAL '12' HOUR),
       COUNT(*), SUM(delay), AVG(CAST(distance AS DOUBLE))
FROM flights
GROUP BY origin, TUMBLE(`date`, INTERVAL '12' HOUR);
