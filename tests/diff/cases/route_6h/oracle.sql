WITH f AS (
  SELECT *, epoch_ms("date") AS ms
  FROM read_json('{{flights}}', format = 'newline_delimited', columns = {
    'date': 'TIMESTAMP', 'delay': 'BIGINT', 'distance': 'BIGINT',
    'origin': 'VARCHAR', 'destination': 'VARCHAR'})
), w AS (SELECT *, ms - ((ms % 21600000) + 21600000) % 21600000 AS ws FROM f)
SELECT epoch_ms(ws) AS window_start, epoch_ms(ws + 21600000) AS window_end, origin, destination,
       COUNT(*) AS flights, COUNT(delay) AS with_delay, SUM(delay) AS total_delay,
       AVG(CAST(delay AS DOUBLE)) AS avg_delay, MAX(distance) AS max_distance
FROM w
GROUP BY ws, origin, destination
HAVING COUNT(*) >= 4;
