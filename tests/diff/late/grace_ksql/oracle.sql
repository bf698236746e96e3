WITH e AS (
  SELECT *, epoch_ms(ts) AS ms, _max - 5000 AS wm
  FROM read_json('{{annotated}}', format = 'newline_delimited', columns = {
    '_rn': 'BIGINT', '_max': 'BIGINT',
    'ts': 'TIMESTAMP', 'k': 'VARCHAR', 'a': 'BIGINT', 'b': 'INTEGER', 'x': 'DOUBLE', 'flag': 'BOOLEAN'})
)
, w AS (SELECT *, win_start(ms, 30000, 0) AS wst FROM e)
SELECT b, epoch_ms(wst) AS ws, epoch_ms(wst + 30000) AS we, COUNT(*) AS n, SUM(x) AS sum_x
FROM w
WHERE NOT coalesce(wm >= wst + 30000 - 1 + 10000, false)
GROUP BY b, wst;
