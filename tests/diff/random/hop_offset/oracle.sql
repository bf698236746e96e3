-- Windows [s, s + 100 s) with s = -15 s + j * 40 s and s <= ms < s + 100 s:
-- the last 3 slide starts up to ms (100 / 40 < 3), filtered.
WITH e AS (
  SELECT *, epoch_ms(ts) AS ms
  FROM read_json('{{events}}', format = 'newline_delimited', columns = {
    'ts': 'TIMESTAMP', 'k': 'VARCHAR', 'a': 'BIGINT', 'b': 'INTEGER', 'x': 'DOUBLE', 'flag': 'BOOLEAN'})
)
, w AS (
  SELECT * FROM (
    SELECT *, unnest(generate_series(win_start(ms, 40000, -15000) - 2 * 40000,
                                     win_start(ms, 40000, -15000), 40000)) AS ws
    FROM e)
  WHERE ws <= ms AND ms < ws + 100000
)
SELECT k, epoch_ms(ws) AS window_start, epoch_ms(ws + 100000) AS window_end, COUNT(*) AS n, SUM(a) AS sum_a,
       AVG(x) AS avg_x, MAX(ts) AS last_ts
FROM w
GROUP BY k, ws;
