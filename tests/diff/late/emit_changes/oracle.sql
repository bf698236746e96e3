WITH e AS (
  SELECT *, epoch_ms(ts) AS ms, _max - 5000 AS wm
  FROM read_json('{{annotated}}', format = 'newline_delimited', columns = {
    '_rn': 'BIGINT', '_max': 'BIGINT',
    'ts': 'TIMESTAMP', 'k': 'VARCHAR', 'a': 'BIGINT', 'b': 'INTEGER', 'x': 'DOUBLE', 'flag': 'BOOLEAN'})
)
, w AS (SELECT *, win_start(ms, 20000, 0) AS ws FROM e)
SELECT flag, epoch_ms(ws) AS window_start, COUNT(*) AS n, CAST(SUM(b) AS INTEGER) AS sum_b, MIN(k) AS min_k
FROM w
WHERE NOT coalesce(wm >= ws + 20000 - 1, false)
GROUP BY flag, ws;
