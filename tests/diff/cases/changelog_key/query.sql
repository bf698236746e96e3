-- GROUP BY a key without a window: a changelog keyed by origin (+I for a new
-- origin, -U old / +U new for every flight), with COUNT, SUM, MIN, MAX, AVG
-- and COUNT(DISTINCT); applied to an empty table it must leave the batch
-- result. (Flights over 1000 miles: two lines per flight.)
CREATE TABLE flights (
  `date`      TIMESTAMP(3),
  delay       BIGINT,
  distance    BIGINT,
  origin      STRING,
  destination STRING,
  WATERMARK FOR `date` AS `date` - INTERVAL '1' MINUTE
) WITH ('connector' = 'filesystem', 'path' = 'data/flights.jsonl', 'format' = 'json');

CREATE TABLE per_origin (
  origin STRING, flights BIGINT, total_delay BIGINT, min_delay BIGINT, max_distance BIGINT,
  avg_delay DOUBLE, destinations BIGINT
) WITH ('connector' = 'print');

INSERT INTO per_origin
SELECT origin, COUNT(*), SUM(delay), MIN(delay), MAX(distance), AVG(CAST(delay AS DOUBLE)),
       COUNT(DISTINCT destination)
FROM flights
WHERE distance > 1000
GROUP BY origin;
