WITH f AS (
  SELECT *, epoch_ms("date") AS ms
  FROM read_json('{{flights}}', format = 'newline_delimited', columns = {
    'date': 'TIMESTAMP', 'delay': 'BIGINT', 'distance': 'BIGINT',
    'origin': 'VARCHAR', 'destination': 'VARCHAR'})
)
SELECT COUNT(*) AS flights, SUM(distance) AS total_distance, MIN(delay) AS min_delay, MAX(delay) AS max_delay,
       COUNT(DISTINCT origin) AS origins, MIN("date") AS first_date, MAX("date") AS last_date,
       AVG(CAST(delay AS DOUBLE)) AS avg_delay
FROM f
WHERE delay > 60;
