WITH e AS (
  SELECT *, epoch_ms(ts) AS ms
  FROM read_json('{{events}}', format = 'newline_delimited', columns = {
    'ts': 'TIMESTAMP', 'k': 'VARCHAR', 'a': 'BIGINT', 'b': 'INTEGER', 'x': 'DOUBLE', 'flag': 'BOOLEAN'})
)
, w AS (
  SELECT * FROM (
    SELECT *, unnest(generate_series(win_start(ms, 30000, 0) - 2 * 30000, win_start(ms, 30000, 0), 30000)) AS ws
    FROM e)
  WHERE ws <= ms AND ms < ws + 90000
)
SELECT flag, epoch_ms(ws) AS window_start, epoch_ms(ws + 90000) AS window_end, COUNT(*) AS n, SUM(a) AS sum_a,
       MAX(k) AS max_k
FROM w
GROUP BY flag, ws;
