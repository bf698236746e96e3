-- Filter and plain projection: AND / OR / NOT, string equality.
CREATE TABLE flights (
  `date`      TIMESTAMP(3),
  delay       BIGINT,
  distance    BIGINT,
  origin      STRING,
  destination STRING,
  WATERMARK FOR `date` AS `date` - INTERVAL '1' MINUTE
) WITH ('connector' = 'filesystem', 'path' = 'data/flights.jsonl', 'format' = 'json');

CREATE TABLE long_delays (
  `date` TIMESTAMP(3), origin STRING, destination STRING, delay BIGINT, distance BIGINT
) WITH ('connector' = 'print');

INSERT INTO long_delays
SELECT `date`, origin, destination, delay, distance
FROM flights
WHERE delay >= 120 AND distance > 1500
   OR (origin = 'SFO' AND destination = 'JFK' AND NOT delay < 0);
