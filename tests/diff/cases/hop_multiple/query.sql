-- HOP with size a multiple of the slide (slide 1 h, size 3 h): each flight is
-- in the 3 windows that hold it; per origin, HAVING keeps busy windows.
CREATE TABLE flights (
  `date`      TIMESTAMP(3),
  delay       BIGINT,
  distance    BIGINT,
  origin      STRING,
  destination STRING,
  WATERMARK FOR `date` AS `date` - INTERVAL '1' MINUTE
) WITH ('connector' = 'filesystem', 'path' = 'data/flights.jsonl', 'format' = 'json');

CREATE TABLE busy_3h (
  origin STRING, window_start TIMESTAMP(3), window_end TIMESTAMP(3),
  flights BIGINT, avg_delay DOUBLE, min_delay BIGINT, max_distance BIGINT
) WITH ('connector' = 'print');

INSERT INTO busy_3h
SELECT origin, window_start, window_end, COUNT(*), AVG(CAST(delay AS DOUBLE)), MIN(delay), MAX(distance)
FROM TABLE(HOP(TABLE flights, DESCRIPTOR(`date`), INTERVAL '1' HOUR, INTERVAL '3' HOUR))
GROUP BY origin, window_start, window_end
HAVING COUNT(*) >= 10;
