-- p = the 2-minute cycle start (aligned to the epoch plus 30 s); windows
-- [p, p + k * 20 s), k = 1..6, whose end > ms.
WITH e AS (
  SELECT *, epoch_ms(ts) AS ms
  FROM read_json('{{events}}', format = 'newline_delimited', columns = {
    'ts': 'TIMESTAMP', 'k': 'VARCHAR', 'a': 'BIGINT', 'b': 'INTEGER', 'x': 'DOUBLE', 'flag': 'BOOLEAN'})
)
, w AS (
  SELECT * FROM (SELECT *, win_start(ms, 120000, 30000) AS ws, unnest(generate_series(1, 6)) AS j FROM e)
  WHERE ws + j * 20000 > ms
)
SELECT flag, epoch_ms(ws) AS window_start, epoch_ms(ws + j * 20000) AS window_end, COUNT(*) AS n,
       SUM(b) AS sum_b, MAX(x) AS max_x
FROM w
GROUP BY flag, ws, j;
