-- An aggregation over a changelog: how many origins have each number of
-- long-delayed flights. The inner GROUP BY origin retracts (-U) an origin's
-- old count when it grows, so the outer GROUP BY must take rows back out:
-- COUNT, SUM, MIN and MAX under retraction.
CREATE TABLE flights (
  `date`      TIMESTAMP(3),
  delay       BIGINT,
  distance    BIGINT,
  origin      STRING,
  destination STRING,
  WATERMARK FOR `date` AS `date` - INTERVAL '1' MINUTE
) WITH ('connector' = 'filesystem', 'path' = 'data/flights.jsonl', 'format' = 'json');

CREATE VIEW per_origin AS
SELECT origin, COUNT(*) AS n, MAX(delay) AS worst
FROM flights
WHERE delay > 90
GROUP BY origin;

CREATE TABLE origins_per_count (
  n BIGINT, origins BIGINT, min_worst BIGINT, max_worst BIGINT, sum_worst BIGINT
) WITH ('connector' = 'print');

INSERT INTO origins_per_count
SELECT n, COUNT(*), MIN(worst), MAX(worst), SUM(worst)
FROM per_origin
GROUP BY n;
