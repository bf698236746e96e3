-- SESSION window table function with PARTITION BY: per origin, flights at
-- most 90 minutes apart (inclusive: exactly 90 min joins) are one session,
-- window_start = its first flight, window_end = its last + 90 min; flights
-- that left on time or late (WHERE before the window).
CREATE TABLE flights (
  `date`      TIMESTAMP(3),
  delay       BIGINT,
  distance    BIGINT,
  origin      STRING,
  destination STRING,
  WATERMARK FOR `date` AS `date` - INTERVAL '1' MINUTE
) WITH ('connector' = 'filesystem', 'path' = 'data/flights.jsonl', 'format' = 'json');

CREATE TABLE origin_sessions (
  origin STRING, window_start TIMESTAMP(3), window_end TIMESTAMP(3), window_time TIMESTAMP(3),
  flights BIGINT, min_delay BIGINT, max_delay BIGINT, total_distance BIGINT
) WITH ('connector' = 'print');

INSERT INTO origin_sessions
SELECT origin, window_start, window_end, window_time, COUNT(*), MIN(delay), MAX(delay), SUM(distance)
FROM TABLE(SESSION(TABLE flights PARTITION BY origin, DESCRIPTOR(`date`), INTERVAL '90' MINUTE))
WHERE delay >= 0
GROUP BY origin, window_start, window_end, window_time;
