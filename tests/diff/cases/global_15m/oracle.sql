WITH f AS (
  SELECT *, epoch_ms("date") AS ms
  FROM read_json('{{flights}}', format = 'newline_delimited', columns = {
    'date': 'TIMESTAMP', 'delay': 'BIGINT', 'distance': 'BIGINT',
    'origin': 'VARCHAR', 'destination': 'VARCHAR'})
), w AS (SELECT *, ms - ((ms % 900000) + 900000) % 900000 AS ws FROM f)
SELECT epoch_ms(ws) AS window_start, epoch_ms(ws + 900000) AS window_end,
       COUNT(*) AS flights, SUM(delay) AS total_delay, MIN(distance) AS min_distance,
       MAX(distance) AS max_distance, AVG(CAST(distance AS DOUBLE)) AS avg_distance,
       SUM(CASE WHEN delay > 0 THEN delay ELSE 0 END) AS late_minutes
FROM w
GROUP BY ws;
