WITH e AS (
  SELECT *, epoch_ms(ts) AS ms
  FROM read_json('{{events}}', format = 'newline_delimited', columns = {
    'ts': 'TIMESTAMP', 'k': 'VARCHAR', 'a': 'BIGINT', 'b': 'INTEGER', 'x': 'DOUBLE', 'flag': 'BOOLEAN'})
)
, w AS (SELECT *, win_start(ms, 600000, 0) AS ws FROM e)
SELECT epoch_ms(ws) AS window_start, flag, b, CAST(GROUPING(flag) AS INTEGER) AS g_flag,
       CAST(GROUPING(b) AS INTEGER) AS g_b, COUNT(*) AS n, SUM(x) AS sum_x
FROM w
GROUP BY ws, ROLLUP (flag, b);
