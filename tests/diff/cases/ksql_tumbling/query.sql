-- ksqlDB WINDOW TUMBLING (SIZE 6 HOURS) with WINDOWSTART / WINDOWEND and a
-- WHERE: epoch-aligned 6-hour windows per destination, delayed flights.
CREATE TABLE flights (
  `date`      TIMESTAMP(3),
  delay       BIGINT,
  distance    BIGINT,
  origin      STRING,
  destination STRING,
  WATERMARK FOR `date` AS `date` - INTERVAL '1' MINUTE
) WITH ('connector' = 'filesystem', 'path' = 'data/flights.jsonl', 'format' = 'json');

CREATE TABLE ksql_tumbling (
  destination STRING, ws TIMESTAMP(3), we TIMESTAMP(3), arrivals BIGINT, total_delay BIGINT
) WITH ('connector' = 'print');

INSERT INTO ksql_tumbling
SELECT destination, WINDOWSTART, WINDOWEND, COUNT(*), SUM(delay)
FROM flights
WINDOW TUMBLING (SIZE 6 HOURS)
WHERE delay > 0
GROUP BY destination;
