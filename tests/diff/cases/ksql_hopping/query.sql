-- ksqlDB WINDOW HOPPING (SIZE 2 HOURS, ADVANCE BY 45 MINUTES) with
-- WINDOWSTART / WINDOWEND and HAVING: 2-hour windows every 45 minutes
-- (size not a multiple of the advance), per origin.
CREATE TABLE flights (
  `date`      TIMESTAMP(3),
  delay       BIGINT,
  distance    BIGINT,
  origin      STRING,
  destination STRING,
  WATERMARK FOR `date` AS `date` - INTERVAL '1' MINUTE
) WITH ('connector' = 'filesystem', 'path' = 'data/flights.jsonl', 'format' = 'json');

CREATE TABLE ksql_hopping (
  origin STRING, ws TIMESTAMP(3), we TIMESTAMP(3), flights BIGINT, min_delay BIGINT
) WITH ('connector' = 'print');

INSERT INTO ksql_hopping
SELECT origin, WINDOWSTART, WINDOWEND, COUNT(*), MIN(delay)
FROM flights
WINDOW HOPPING (SIZE 2 HOURS, ADVANCE BY 45 MINUTES)
GROUP BY origin
HAVING COUNT(*) > 30;
