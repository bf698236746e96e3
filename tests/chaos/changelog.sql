-- Aggregation without a window: a changelog (debezium-json) into a file,
-- with retracting MIN/MAX and a DISTINCT count in the group state.
CREATE TABLE flights (
  `date` TIMESTAMP(3), delay BIGINT, distance BIGINT, origin STRING, destination STRING
) WITH ('connector' = 'filesystem', 'path' = 'data/flights.jsonl', 'format' = 'json');

CREATE TABLE very_late (
  origin STRING, flights BIGINT, total_delay BIGINT, worst BIGINT, destinations BIGINT,
  PRIMARY KEY (origin) NOT ENFORCED
) WITH ('connector' = 'filesystem', 'path' = 'very_late.jsonl', 'format' = 'debezium-json');

INSERT INTO very_late
SELECT origin, COUNT(*), SUM(delay), MAX(delay), COUNT(DISTINCT destination)
FROM flights
WHERE delay > 180
GROUP BY origin;
