-- ROLLUP without a window: a changelog of the groups (origin, destination),
-- (origin) and () for three Bay Area airports; each flight updates one row
-- of each level. GROUPING_ID-style bits via GROUPING(origin, destination).
CREATE TABLE flights (
  `date`      TIMESTAMP(3),
  delay       BIGINT,
  distance    BIGINT,
  origin      STRING,
  destination STRING,
  WATERMARK FOR `date` AS `date` - INTERVAL '1' MINUTE
) WITH ('connector' = 'filesystem', 'path' = 'data/flights.jsonl', 'format' = 'json');

CREATE TABLE bay_rollup (
  origin STRING, destination STRING, level INT, flights BIGINT, max_delay BIGINT
) WITH ('connector' = 'print');

INSERT INTO bay_rollup
SELECT origin, destination, GROUPING(origin, destination), COUNT(*), MAX(delay)
FROM flights
WHERE origin IN ('SFO', 'OAK', 'SJC')
GROUP BY ROLLUP (origin, destination);
