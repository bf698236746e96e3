WITH e AS (
  SELECT *, epoch_ms(ts) AS ms
  FROM read_json('{{events}}', format = 'newline_delimited', columns = {
    'ts': 'TIMESTAMP', 'k': 'VARCHAR', 'a': 'BIGINT', 'b': 'INTEGER', 'x': 'DOUBLE', 'flag': 'BOOLEAN'})
)
, w AS (SELECT *, win_start(ms, 600000, 0) AS ws FROM e)
SELECT epoch_ms(ws) AS window_start, COUNT(*) AS n, COUNT(DISTINCT a) AS approx_a, COUNT(DISTINCT x) AS approx_x,
       COUNT(DISTINCT k) AS approx_k
FROM w
GROUP BY ws
HAVING COUNT(*) >= 300;
