-- SESSION per origin with a 10-minute gap: flights and the longest delay.
CREATE TABLE flights (
  `date` TIMESTAMP(3), delay BIGINT, distance BIGINT, origin STRING, destination STRING,
  WATERMARK FOR `date` AS `date` - INTERVAL '5' MINUTE
) WITH ('connector' = 'filesystem', 'path' = 'data/flights.jsonl', 'format' = 'json');
CREATE TABLE out1 (origin STRING, window_start TIMESTAMP(3), window_end TIMESTAMP(3), flights BIGINT, max_delay BIGINT)
WITH ('connector' = 'filesystem', 'path' = 'out.jsonl');
INSERT INTO out1 SELECT origin, window_start, window_end, COUNT(*), MAX(delay)
FROM TABLE(SESSION(TABLE flights PARTITION BY origin, DESCRIPTOR(`date`), INTERVAL '10' MINUTE))
GROUP BY origin, window_start, window_end;
