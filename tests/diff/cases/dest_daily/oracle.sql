WITH f AS (
  SELECT *, epoch_ms("date") AS ms
  FROM read_json('{{flights}}', format = 'newline_delimited', columns = {
    'date': 'TIMESTAMP', 'delay': 'BIGINT', 'distance': 'BIGINT',
    'origin': 'VARCHAR', 'destination': 'VARCHAR'})
), w AS (SELECT *, ms - ((ms % 86400000) + 86400000) % 86400000 AS ws FROM f)
SELECT epoch_ms(ws) AS window_start, epoch_ms(ws + 86400000) AS window_end, destination,
       COUNT(*) AS arrivals, SUM(distance) AS total_distance, AVG(CAST(distance AS DOUBLE)) AS avg_distance,
       MIN(delay) AS min_delay, MAX(delay) AS max_delay, SUM(delay) AS total_delay
FROM w
GROUP BY ws, destination;
