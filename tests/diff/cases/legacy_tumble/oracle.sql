WITH f AS (
  SELECT *, epoch_ms("date") AS ms
  FROM read_json('{{flights}}', format = 'newline_delimited', columns = {
    'date': 'TIMESTAMP', 'delay': 'BIGINT', 'distance': 'BIGINT',
    'origin': 'VARCHAR', 'destination': 'VARCHAR'})
)
, w AS (SELECT *, win_start(ms, 43200000, 0) AS ws FROM f)
SELECT origin, epoch_ms(ws) AS w_start, epoch_ms(ws + 43200000) AS w_end,
       COUNT(*) AS flights, SUM(delay) AS total_delay, AVG(CAST(distance AS DOUBLE)) AS avg_distance
FROM w
GROUP BY origin, ws;
