WITH f AS (
  SELECT *, epoch_ms("date") AS ms
  FROM read_json('{{flights}}', format = 'newline_delimited', columns = {
    'date': 'TIMESTAMP', 'delay': 'BIGINT', 'distance': 'BIGINT',
    'origin': 'VARCHAR', 'destination': 'VARCHAR'})
)
SELECT origin, COUNT(*) AS flights, SUM(delay) AS total_delay, MIN(delay) AS min_delay,
       MAX(distance) AS max_distance, AVG(CAST(delay AS DOUBLE)) AS avg_delay,
       COUNT(DISTINCT destination) AS destinations
FROM f
WHERE distance > 1000
GROUP BY origin;
