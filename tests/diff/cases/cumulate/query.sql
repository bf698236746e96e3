-- CUMULATE(step 2 h, size 1 day): per destination, the running totals of each
-- day at every 2 hours: windows [day, day + 2 h), [day, day + 4 h), ...,
-- [day, day + 24 h); a flight counts in every one that ends after it.
CREATE TABLE flights (
  `date`      TIMESTAMP(3),
  delay       BIGINT,
  distance    BIGINT,
  origin      STRING,
  destination STRING,
  WATERMARK FOR `date` AS `date` - INTERVAL '1' MINUTE
) WITH ('connector' = 'filesystem', 'path' = 'data/flights.jsonl', 'format' = 'json');

CREATE TABLE running_day (
  destination STRING, window_start TIMESTAMP(3), window_end TIMESTAMP(3),
  arrivals BIGINT, total_distance BIGINT, max_delay BIGINT
) WITH ('connector' = 'print');

INSERT INTO running_day
SELECT destination, window_start, window_end, COUNT(*), SUM(distance), MAX(delay)
FROM TABLE(CUMULATE(TABLE flights, DESCRIPTOR(`date`), INTERVAL '2' HOUR, INTERVAL '1' DAY))
WHERE destination IN ('ORD', 'ATL', 'DFW', 'LAX', 'SFO', 'DEN', 'BOS')
GROUP BY destination, window_start, window_end;
