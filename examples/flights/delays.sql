-- delays.sql - hourly delay statistics per origin airport.
--
-- Input: data/flights.jsonl (`make data`): 3,000,000 US domestic flights,
-- January to June 2001, one JSON object per line, sorted by date:
--   {"date":"2001-01-01 00:01:00.000","delay":33,"distance":2176,"origin":"LAS","destination":"PHL"}
-- Output: for every origin airport and every 1-hour tumbling window with at
-- least 5 departures: the number of flights, the average, smallest and
-- largest delay (minutes; negative = early) and how many were more than
-- 15 minutes late. Windows are epoch-aligned and half-open [start, end).
--
--   bin/sluice build examples/flights/delays.sql -o delays && ./delays --bounded
--   ./delays --input flights=data/flights-100k.jsonl --output hourly_delays=out.jsonl
CREATE TABLE flights (
  `date`      TIMESTAMP(3),
  delay       BIGINT,
  distance    BIGINT,
  origin      STRING,
  destination STRING,
  WATERMARK FOR `date` AS `date` - INTERVAL '1' MINUTE
) WITH (
  'connector' = 'filesystem',
  'path' = 'data/flights.jsonl',
  'format' = 'json'
);

CREATE TABLE hourly_delays (
  window_start  TIMESTAMP(3),
  window_end    TIMESTAMP(3),
  origin        STRING,
  flights       BIGINT,
  avg_delay     DOUBLE,
  min_delay     BIGINT,
  max_delay     BIGINT,
  delayed_15    INT
) WITH (
  'connector' = 'print'
);

INSERT INTO hourly_delays
SELECT window_start, window_end, origin,
       COUNT(*),
       AVG(CAST(delay AS DOUBLE)),
       MIN(delay),
       MAX(delay),
       SUM(CASE WHEN delay > 15 THEN 1 ELSE 0 END)
FROM TABLE(TUMBLE(TABLE flights, DESCRIPTOR(`date`), INTERVAL '1' HOUR))
GROUP BY window_start, window_end, origin
HAVING COUNT(*) >= 5;
