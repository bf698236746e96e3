WITH f AS (
  SELECT *, epoch_ms("date") AS ms
  FROM read_json('{{flights}}', format = 'newline_delimited', columns = {
    'date': 'TIMESTAMP', 'delay': 'BIGINT', 'distance': 'BIGINT',
    'origin': 'VARCHAR', 'destination': 'VARCHAR'})
)
, moves AS (
  SELECT ms, origin AS airport, 'dep' AS dir, delay FROM f WHERE distance > 2000
  UNION ALL
  SELECT ms, destination AS airport, 'arr' AS dir, delay FROM f WHERE distance > 2000
)
SELECT airport, dir, epoch_ms(win_start(ms, 86400000, 0)) AS window_start, COUNT(*) AS moves,
       SUM(delay) AS total_delay
FROM moves
WHERE airport <> 'JFK'
GROUP BY airport, dir, win_start(ms, 86400000, 0)
HAVING COUNT(*) >= 3;
