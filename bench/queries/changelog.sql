-- A changelog GROUP BY origin, destination: every flight updates its
-- route's row (-U/+U), written as debezium-json.
CREATE TABLE flights (
  `date` TIMESTAMP(3), delay BIGINT, distance BIGINT, origin STRING, destination STRING,
  WATERMARK FOR `date` AS `date` - INTERVAL '5' MINUTE
) WITH ('connector' = 'filesystem', 'path' = 'data/flights.jsonl', 'format' = 'json');
CREATE TABLE out1 (origin STRING, destination STRING, flights BIGINT, avg_delay DOUBLE)
WITH ('connector' = 'filesystem', 'path' = 'out.jsonl', 'format' = 'debezium-json');
INSERT INTO out1 SELECT origin, destination, COUNT(*), AVG(CAST(delay AS DOUBLE)) FROM flights GROUP BY origin, destination;
