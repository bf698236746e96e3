WITH f AS (
  SELECT *, epoch_ms("date") AS ms
  FROM read_json('{{flights}}', format = 'newline_delimited', columns = {
    'date': 'TIMESTAMP', 'delay': 'BIGINT', 'distance': 'BIGINT',
    'origin': 'VARCHAR', 'destination': 'VARCHAR'})
)
, w AS (SELECT *, win_start(ms, 86400000, 0) AS ws FROM f)
SELECT origin, epoch_ms(ws) AS window_start, COUNT(*) AS n, AVG(CAST(delay AS DOUBLE)) AS avg_delay
FROM w
GROUP BY origin, ws
HAVING n >= 100 AND avg_delay > 5;
