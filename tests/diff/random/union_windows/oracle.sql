WITH e AS (
  SELECT *, epoch_ms(ts) AS ms
  FROM read_json('{{events}}', format = 'newline_delimited', columns = {
    'ts': 'TIMESTAMP', 'k': 'VARCHAR', 'a': 'BIGINT', 'b': 'INTEGER', 'x': 'DOUBLE', 'flag': 'BOOLEAN'})
)
, v AS (SELECT ms, k, a * 2 AS a2 FROM e WHERE b IS NOT NULL)
, hop AS (
  SELECT * FROM (
    SELECT *, unnest(generate_series(win_start(ms, 30000, 0) - 30000, win_start(ms, 30000, 0), 30000)) AS ws FROM v)
  WHERE ws <= ms AND ms < ws + 60000
)
SELECT 'tumble' AS kind, epoch_ms(win_start(ms, 60000, 0)) AS window_start, epoch_ms(win_start(ms, 60000, 0) + 60000) AS window_end,
       COUNT(*) AS n, SUM(a2) AS sum_a2, COUNT(DISTINCT k) AS keys
FROM v GROUP BY win_start(ms, 60000, 0)
UNION ALL
SELECT 'hop', epoch_ms(ws), epoch_ms(ws + 60000), COUNT(*), SUM(a2), COUNT(DISTINCT k)
FROM hop GROUP BY ws;
