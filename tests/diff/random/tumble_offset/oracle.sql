WITH e AS (
  SELECT *, epoch_ms(ts) AS ms
  FROM read_json('{{events}}', format = 'newline_delimited', columns = {
    'ts': 'TIMESTAMP', 'k': 'VARCHAR', 'a': 'BIGINT', 'b': 'INTEGER', 'x': 'DOUBLE', 'flag': 'BOOLEAN'})
)
, w AS (SELECT *, win_start(ms, 60000, -20000) AS ws FROM e)
SELECT b, epoch_ms(ws) AS window_start, epoch_ms(ws + 60000) AS window_end, epoch_ms(ws + 60000 - 1) AS window_time,
       COUNT(*) AS n, SUM(x) AS sum_x
FROM w
GROUP BY b, ws;
