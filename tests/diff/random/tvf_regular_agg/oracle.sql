WITH e AS (
  SELECT *, epoch_ms(ts) AS ms
  FROM read_json('{{events}}', format = 'newline_delimited', columns = {
    'ts': 'TIMESTAMP', 'k': 'VARCHAR', 'a': 'BIGINT', 'b': 'INTEGER', 'x': 'DOUBLE', 'flag': 'BOOLEAN'})
)
SELECT epoch_ms(win_start(ms, 300000, 0)) AS window_start, flag, COUNT(*) AS n, MAX(a) AS max_a
FROM e
GROUP BY win_start(ms, 300000, 0), flag;
