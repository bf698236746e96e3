-- Hourly delay statistics per origin airport over 3 million real US flights
-- (January to June 2001). Run it with `make demo`, or:
--
--   bin/sluice build examples/flights/delays.sql -o delays
--   ./delays --input flights=data/flights.jsonl --output hourly_delays=-
--
-- Flights arrive sorted by departure time; the watermark allows five minutes
-- of disorder, so each hourly window fires as soon as the flights five
-- minutes past its end have been read.

CREATE TABLE flights (
  `date`      TIMESTAMP(3),   -- scheduled departure, UTC
  delay       BIGINT,         -- minutes (negative: early)
  distance    BIGINT,         -- miles
  origin      STRING,         -- IATA airport code
  destination STRING,
  WATERMARK FOR `date` AS `date` - INTERVAL '5' MINUTE
) WITH (
  'connector' = 'filesystem',
  'path'      = 'data/flights.jsonl',
  'format'    = 'json'
);

CREATE TABLE hourly_delays (
  origin       STRING,
  window_start TIMESTAMP(3),
  window_end   TIMESTAMP(3),
  flights      BIGINT,
  avg_delay    DOUBLE,
  min_delay    BIGINT,
  max_delay    BIGINT,
  delayed      BIGINT          -- flights more than 15 minutes late
) WITH (
  'connector' = 'print'
);

INSERT INTO hourly_delays
SELECT origin,
       window_start,
       window_end,
       COUNT(*)                                  AS flights,
       AVG(CAST(delay AS DOUBLE))                AS avg_delay,
       MIN(delay)                                AS min_delay,
       MAX(delay)                                AS max_delay,
       SUM(CASE WHEN delay > 15 THEN 1 ELSE 0 END) AS delayed
FROM TABLE(TUMBLE(TABLE flights, DESCRIPTOR(`date`), INTERVAL '1' HOUR))
GROUP BY origin, window_start, window_end
HAVING COUNT(*) >= 5;
