-- SESSION windows per origin (merging windows and their timers) and a
-- HOP over the same flights (panes), two sinks from one source.
CREATE TABLE flights (
  `date` TIMESTAMP(3), delay BIGINT, distance BIGINT, origin STRING, destination STRING,
  WATERMARK FOR `date` AS `date` - INTERVAL '5' MINUTE
) WITH ('connector' = 'filesystem', 'path' = 'data/flights.jsonl', 'format' = 'json');

CREATE TABLE busy_sessions (
  origin STRING, window_start TIMESTAMP(3), window_end TIMESTAMP(3), flights BIGINT, miles BIGINT
) WITH ('connector' = 'filesystem', 'path' = 'busy_sessions.jsonl', 'format' = 'json');

CREATE TABLE three_hours (
  window_start TIMESTAMP(3), window_end TIMESTAMP(3), flights BIGINT, origins BIGINT, avg_delay DOUBLE
) WITH ('connector' = 'filesystem', 'path' = 'three_hours.jsonl', 'format' = 'json');

INSERT INTO busy_sessions
SELECT origin, window_start, window_end, COUNT(*), SUM(distance)
FROM TABLE(SESSION(TABLE flights PARTITION BY origin, DESCRIPTOR(`date`), INTERVAL '20' MINUTE))
GROUP BY origin, window_start, window_end
HAVING COUNT(*) >= 40;

INSERT INTO three_hours
SELECT window_start, window_end, COUNT(*), COUNT(DISTINCT origin), AVG(CAST(delay AS DOUBLE))
FROM TABLE(HOP(TABLE flights, DESCRIPTOR(`date`), INTERVAL '1' HOUR, INTERVAL '3' HOUR))
GROUP BY window_start, window_end;
