WITH f AS (
  SELECT *, epoch_ms("date") AS ms
  FROM read_json('{{flights}}', format = 'newline_delimited', columns = {
    'date': 'TIMESTAMP', 'delay': 'BIGINT', 'distance': 'BIGINT',
    'origin': 'VARCHAR', 'destination': 'VARCHAR'})
)
, w AS (SELECT *, win_start(ms, 86400000, 0) AS ws FROM f WHERE distance > 1000)
SELECT origin, epoch_ms(ws) AS window_start, epoch_ms(ws + 86400000) AS window_end,
       COUNT(*) AS flights, SUM(delay) AS total_delay, MAX(delay) AS max_delay,
       AVG(CAST(distance AS DOUBLE)) AS avg_distance
FROM w
GROUP BY origin, ws;
