WITH e AS (
  SELECT *, epoch_ms(ts) AS ms, _max - 5000 AS wm
  FROM read_json('{{annotated}}', format = 'newline_delimited', columns = {
    '_rn': 'BIGINT', '_max': 'BIGINT',
    'ts': 'TIMESTAMP', 'k': 'VARCHAR', 'a': 'BIGINT', 'b': 'INTEGER', 'x': 'DOUBLE', 'flag': 'BOOLEAN'})
)
, w AS (
  SELECT * FROM (
    SELECT *, unnest(generate_series(win_start(ms, 5000, 0) - 2 * 5000, win_start(ms, 5000, 0), 5000)) AS ws
    FROM e WHERE a > 0)
  WHERE ws <= ms AND ms < ws + 15000
)
SELECT epoch_ms(ws) AS window_start, epoch_ms(ws + 15000) AS window_end, COUNT(*) AS n, SUM(x) AS sum_x,
       MAX(a) AS max_a
FROM w
WHERE NOT coalesce(wm >= ws + 15000 - 1, false)
GROUP BY ws;
