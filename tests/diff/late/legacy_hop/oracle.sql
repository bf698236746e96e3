WITH e AS (
  SELECT *, epoch_ms(ts) AS ms, _max - 5000 AS wm
  FROM read_json('{{annotated}}', format = 'newline_delimited', columns = {
    '_rn': 'BIGINT', '_max': 'BIGINT',
    'ts': 'TIMESTAMP', 'k': 'VARCHAR', 'a': 'BIGINT', 'b': 'INTEGER', 'x': 'DOUBLE', 'flag': 'BOOLEAN'})
)
, w AS (
  SELECT * FROM (
    SELECT *, unnest(generate_series(win_start(ms, 10000, 0) - 10000, win_start(ms, 10000, 0), 10000)) AS ws
    FROM e)
  WHERE ws <= ms AND ms < ws + 20000
)
SELECT flag, epoch_ms(ws) AS h_start, epoch_ms(ws + 20000) AS h_end, COUNT(*) AS n, CAST(SUM(b) AS INTEGER) AS sum_b
FROM w
WHERE NOT coalesce(wm >= ws + 20000 - 1, false)
GROUP BY flag, ws;
