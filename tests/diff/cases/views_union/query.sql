-- Views, a CTE, UNION ALL and a subquery in FROM: departures and arrivals of
-- long flights (a view over UNION ALL of two projections), a CTE that
-- windows them per airport, direction and day, and an outer query over that
-- subquery filtering its aggregates.
CREATE TABLE flights (
  `date`      TIMESTAMP(3),
  delay       BIGINT,
  distance    BIGINT,
  origin      STRING,
  destination STRING,
  WATERMARK FOR `date` AS `date` - INTERVAL '1' MINUTE
) WITH ('connector' = 'filesystem', 'path' = 'data/flights.jsonl', 'format' = 'json');

CREATE VIEW moves AS
SELECT `date`, origin AS airport, 'dep' AS dir, delay FROM flights WHERE distance > 2000
UNION ALL
SELECT `date`, destination AS airport, 'arr' AS dir, delay FROM flights WHERE distance > 2000;

CREATE TABLE long_moves (
  airport STRING, dir STRING, window_start TIMESTAMP(3), moves BIGINT, total_delay BIGINT
) WITH ('connector' = 'print');

INSERT INTO long_moves
WITH daily AS (
  SELECT airport, dir, window_start, COUNT(*) AS moves, SUM(delay) AS total_delay
  FROM TABLE(TUMBLE(TABLE moves, DESCRIPTOR(`date`), INTERVAL '1' DAY))
  GROUP BY airport, dir, window_start, window_end
)
SELECT airport, dir, window_start, moves, total_delay
FROM (SELECT * FROM daily WHERE moves >= 3) AS busy
WHERE airport <> 'JFK';
