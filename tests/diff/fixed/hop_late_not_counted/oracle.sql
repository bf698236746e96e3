WITH e AS (
  SELECT *, epoch_ms(ts) AS ms, _max AS mx
  FROM read_json('{{annotated}}', format = 'newline_delimited', columns = {
    '_rn': 'BIGINT', '_max': 'BIGINT', 'v': 'INTEGER', 'ts': 'TIMESTAMP'})
)
, w AS (
  SELECT * FROM (
    SELECT *, unnest(generate_series(win_start(ms, 5000, 0) - 2 * 5000, win_start(ms, 5000, 0), 5000)) AS ws FROM e)
  WHERE ws <= ms AND ms < ws + 15000
)
SELECT epoch_ms(ws) AS window_start, epoch_ms(ws + 15000) AS window_end, COUNT(*) AS n, CAST(SUM(v) AS INTEGER) AS total
FROM w
WHERE NOT coalesce(mx >= ws + 15000 - 1, false)
GROUP BY ws;
