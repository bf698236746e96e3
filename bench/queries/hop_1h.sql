-- HOP per origin: 1-minute slide, 60-minute windows: flights and mean delay.
CREATE TABLE flights (
  `date` TIMESTAMP(3), delay BIGINT, distance BIGINT, origin STRING, destination STRING,
  WATERMARK FOR `date` AS `date` - INTERVAL '5' MINUTE
) WITH ('connector' = 'filesystem', 'path' = 'data/flights.jsonl', 'format' = 'json');
CREATE TABLE out1 (origin STRING, window_end TIMESTAMP(3), flights BIGINT, avg_delay DOUBLE)
WITH ('connector' = 'filesystem', 'path' = 'out.jsonl');
INSERT INTO out1 SELECT origin, window_end, COUNT(*), AVG(CAST(delay AS DOUBLE))
FROM TABLE(HOP(TABLE flights, DESCRIPTOR(`date`), INTERVAL '1' MINUTE, INTERVAL '60' MINUTE))
GROUP BY origin, window_start, window_end;
