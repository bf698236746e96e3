-- Windows [s, s + 120 min), s a multiple of 45 min, s <= ms < s + 120 min.
WITH f AS (
  SELECT *, epoch_ms("date") AS ms
  FROM read_json('{{flights}}', format = 'newline_delimited', columns = {
    'date': 'TIMESTAMP', 'delay': 'BIGINT', 'distance': 'BIGINT',
    'origin': 'VARCHAR', 'destination': 'VARCHAR'})
)
, w AS (
  SELECT * FROM (
    SELECT *, unnest(generate_series(win_start(ms, 2700000, 0) - 2 * 2700000,
                                     win_start(ms, 2700000, 0), 2700000)) AS ws
    FROM f)
  WHERE ws <= ms AND ms < ws + 7200000
)
SELECT origin, epoch_ms(ws) AS ws, epoch_ms(ws + 7200000) AS we, COUNT(*) AS flights, MIN(delay) AS min_delay
FROM w
GROUP BY origin, ws
HAVING COUNT(*) > 30;
