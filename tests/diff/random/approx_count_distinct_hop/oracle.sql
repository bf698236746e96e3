WITH e AS (
  SELECT *, epoch_ms(ts) AS ms
  FROM read_json('{{events}}', format = 'newline_delimited', columns = {
    'ts': 'TIMESTAMP', 'k': 'VARCHAR', 'a': 'BIGINT', 'b': 'INTEGER', 'x': 'DOUBLE', 'flag': 'BOOLEAN'})
)
, w AS (
  SELECT * FROM (
    SELECT *, unnest(generate_series(win_start(ms, 60000, 0) - 9 * 60000, win_start(ms, 60000, 0), 60000)) AS ws FROM e)
  WHERE ws <= ms AND ms < ws + 600000
)
SELECT epoch_ms(ws) AS window_start, COUNT(*) AS n, COUNT(DISTINCT a) AS approx_a, COUNT(DISTINCT x) AS approx_x
FROM w
GROUP BY ws
HAVING COUNT(*) >= 300;
