WITH e AS (
  SELECT *, epoch_ms(ts) AS ms, _max - 5000 AS wm
  FROM read_json('{{annotated}}', format = 'newline_delimited', columns = {
    '_rn': 'BIGINT', '_max': 'BIGINT',
    'ts': 'TIMESTAMP', 'k': 'VARCHAR', 'a': 'BIGINT', 'b': 'INTEGER', 'x': 'DOUBLE', 'flag': 'BOOLEAN'})
)
, w AS (SELECT *, win_start(ms, 10000, 0) AS ws FROM e)
SELECT flag, epoch_ms(ws) AS window_start, epoch_ms(ws + 10000) AS window_end, COUNT(*) AS n, SUM(a) AS sum_a,
       MAX(ts) AS max_ts
FROM w
WHERE NOT coalesce(wm >= ws + 10000 - 1 + 10000, false)
GROUP BY flag, ws;
