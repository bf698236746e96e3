-- A changelog GROUP BY written with 'format' = 'debezium-json' to a file:
-- {"before":null,"after":{...},"op":"c"} for inserts and update-afters,
-- {"before":{...},"after":null,"op":"d"} for update-befores and deletes.
CREATE TABLE flights (
  `date`      TIMESTAMP(3),
  delay       BIGINT,
  distance    BIGINT,
  origin      STRING,
  destination STRING,
  WATERMARK FOR `date` AS `date` - INTERVAL '1' MINUTE
) WITH ('connector' = 'filesystem', 'path' = 'data/flights.jsonl', 'format' = 'json');

CREATE TABLE long_routes (
  destination STRING, arrivals BIGINT, total_delay BIGINT, max_delay BIGINT
) WITH ('connector' = 'filesystem', 'path' = 'long_routes.jsonl', 'format' = 'debezium-json');

INSERT INTO long_routes
SELECT destination, COUNT(*), SUM(delay), MAX(delay)
FROM flights
WHERE distance > 2000
GROUP BY destination;
