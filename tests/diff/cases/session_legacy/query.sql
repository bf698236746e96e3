-- Legacy group window GROUP BY SESSION(ts, gap) with SESSION_START and
-- SESSION_END: per destination, arrivals at most 2 h apart are one session
-- (SESSION_END = last arrival + 2 h), filtered by WHERE before windowing.
CREATE TABLE flights (
  `date`      TIMESTAMP(3),
  delay       BIGINT,
  distance    BIGINT,
  origin      STRING,
  destination STRING,
  WATERMARK FOR `date` AS `date` - INTERVAL '1' MINUTE
) WITH ('connector' = 'filesystem', 'path' = 'data/flights.jsonl', 'format' = 'json');

CREATE TABLE dest_sessions (
  destination STRING, s_start TIMESTAMP(3), s_end TIMESTAMP(3), arrivals BIGINT, total_distance BIGINT
) WITH ('connector' = 'print');

INSERT INTO dest_sessions
SELECT destination, SESSION_START(`date`, INTERVAL '2' HOUR), SESSION_END(`date`, INTERVAL '2' HOUR),
       COUNT(*), SUM(distance)
FROM flights
WHERE distance > 1000
GROUP BY destination, SESSION(`date`, INTERVAL '2' HOUR);
