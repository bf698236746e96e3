-- EMIT CHANGES on a window aggregation: 1-day windows per origin emit the
-- window's row after every flight (+I, then -U/+U); the changelog applied
-- to an empty table must leave the batch result. (Long flights only: the
-- changelog has two lines per flight.)
CREATE TABLE flights (
  `date`      TIMESTAMP(3),
  delay       BIGINT,
  distance    BIGINT,
  origin      STRING,
  destination STRING,
  WATERMARK FOR `date` AS `date` - INTERVAL '1' MINUTE
) WITH ('connector' = 'filesystem', 'path' = 'data/flights.jsonl', 'format' = 'json');

CREATE TABLE daily_changes (
  origin STRING, window_start TIMESTAMP(3), window_end TIMESTAMP(3),
  flights BIGINT, total_delay BIGINT, max_delay BIGINT, avg_distance DOUBLE
) WITH ('connector' = 'print');

INSERT INTO daily_changes
SELECT origin, window_start, window_end, COUNT(*), SUM(delay), MAX(delay), AVG(CAST(distance AS DOUBLE))
FROM TABLE(TUMBLE(TABLE flights, DESCRIPTOR(`date`), INTERVAL '1' DAY))
WHERE distance > 1000
GROUP BY origin, window_start, window_end
EMIT CHANGES;
