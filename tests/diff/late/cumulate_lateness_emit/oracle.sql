WITH e AS (
  SELECT *, epoch_ms(ts) AS ms, _max - 5000 AS wm
  FROM read_json('{{annotated}}', format = 'newline_delimited', columns = {
    '_rn': 'BIGINT', '_max': 'BIGINT',
    'ts': 'TIMESTAMP', 'k': 'VARCHAR', 'a': 'BIGINT', 'b': 'INTEGER', 'x': 'DOUBLE', 'flag': 'BOOLEAN'})
)
, w AS (
  SELECT * FROM (SELECT *, win_start(ms, 30000, 0) AS ws, unnest(generate_series(1, 3)) AS j FROM e)
  WHERE ws + j * 10000 > ms
)
SELECT flag, epoch_ms(ws) AS window_start, epoch_ms(ws + j * 10000) AS window_end, COUNT(*) AS n, SUM(a) AS sum_a
FROM w
WHERE NOT coalesce(wm >= ws + j * 10000 - 1 + 10000, false)
GROUP BY flag, ws, j;
