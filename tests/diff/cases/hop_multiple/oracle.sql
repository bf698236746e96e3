-- A flight at ms is in every window [s, s + 3 h) with s a multiple of 1 h and
-- s <= ms < s + 3 h: the candidates are the 3 slide starts up to ms.
WITH f AS (
  SELECT *, epoch_ms("date") AS ms
  FROM read_json('{{flights}}', format = 'newline_delimited', columns = {
    'date': 'TIMESTAMP', 'delay': 'BIGINT', 'distance': 'BIGINT',
    'origin': 'VARCHAR', 'destination': 'VARCHAR'})
)
, w AS (
  SELECT * FROM (
    SELECT *, unnest(generate_series(win_start(ms, 3600000, 0) - 2 * 3600000,
                                     win_start(ms, 3600000, 0), 3600000)) AS ws
    FROM f)
  WHERE ws <= ms AND ms < ws + 3 * 3600000
)
SELECT origin, epoch_ms(ws) AS window_start, epoch_ms(ws + 3 * 3600000) AS window_end,
       COUNT(*) AS flights, AVG(CAST(delay AS DOUBLE)) AS avg_delay, MIN(delay) AS min_delay,
       MAX(distance) AS max_distance
FROM w
GROUP BY origin, ws
HAVING COUNT(*) >= 10;
