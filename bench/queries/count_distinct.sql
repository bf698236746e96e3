-- COUNT(DISTINCT destination) per origin and day.
CREATE TABLE flights (
  `date` TIMESTAMP(3), delay BIGINT, distance BIGINT, origin STRING, destination STRING,
  WATERMARK FOR `date` AS `date` - INTERVAL '5' MINUTE
) WITH ('connector' = 'filesystem', 'path' = 'data/flights.jsonl', 'format' = 'json');
CREATE TABLE out1 (origin STRING, window_start TIMESTAMP(3), destinations BIGINT)
WITH ('connector' = 'filesystem', 'path' = 'out.jsonl');
INSERT INTO out1 SELECT origin, window_start, COUNT(DISTINCT destination)
FROM TABLE(TUMBLE(TABLE flights, DESCRIPTOR(`date`), INTERVAL '1' DAY))
GROUP BY origin, window_start, window_end;
