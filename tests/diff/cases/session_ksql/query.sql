-- ksqlDB WINDOW SESSION (45 MINUTES) with WINDOWSTART / WINDOWEND, read with
-- Flink's session rules: per origin, flights at most 45 min apart are one
-- session, WINDOWSTART = first flight, WINDOWEND = last flight + 45 min.
CREATE TABLE flights (
  `date`      TIMESTAMP(3),
  delay       BIGINT,
  distance    BIGINT,
  origin      STRING,
  destination STRING,
  WATERMARK FOR `date` AS `date` - INTERVAL '1' MINUTE
) WITH ('connector' = 'filesystem', 'path' = 'data/flights.jsonl', 'format' = 'json');

CREATE TABLE ksql_sessions (
  origin STRING, ws TIMESTAMP(3), we TIMESTAMP(3), flights BIGINT, avg_delay DOUBLE
) WITH ('connector' = 'print');

INSERT INTO ksql_sessions
SELECT origin, WINDOWSTART, WINDOWEND, COUNT(*), AVG(CAST(delay AS DOUBLE))
FROM flights
WINDOW SESSION (45 MINUTES)
WHERE origin LIKE 'S%'
GROUP BY origin;
