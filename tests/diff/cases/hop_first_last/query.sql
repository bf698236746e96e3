-- FIRST_VALUE / LAST_VALUE in HOP windows (slide 30 min, size 2 h) per
-- origin: a window's first and last values in input order (the flights are
-- in time order, so pieces of a window kept per slide join in that order),
-- with STDDEV_SAMP, over the West-coast airports.
CREATE TABLE flights (
  `date`      TIMESTAMP(3),
  delay       BIGINT,
  distance    BIGINT,
  origin      STRING,
  destination STRING,
  WATERMARK FOR `date` AS `date` - INTERVAL '1' MINUTE
) WITH ('connector' = 'filesystem', 'path' = 'data/flights.jsonl', 'format' = 'json');

CREATE TABLE hop_first_last (
  origin STRING, window_start TIMESTAMP(3), flights BIGINT, first_delay BIGINT, last_distance BIGINT,
  sd_delay DOUBLE
) WITH ('connector' = 'print');

INSERT INTO hop_first_last
SELECT origin, window_start, COUNT(*), FIRST_VALUE(delay), LAST_VALUE(distance), STDDEV_SAMP(delay)
FROM TABLE(HOP(TABLE flights, DESCRIPTOR(`date`), INTERVAL '30' MINUTE, INTERVAL '2' HOUR))
WHERE origin IN ('SFO', 'LAX', 'SEA', 'PDX', 'SAN', 'OAK', 'SJC')
GROUP BY origin, window_start, window_end;
