WITH e AS (
  SELECT *, epoch_ms(ts) AS ms, _max AS mx
  FROM read_json('{{annotated}}', format = 'newline_delimited', columns = {
    '_rn': 'BIGINT', '_max': 'BIGINT', 'v': 'INTEGER', 'ts': 'TIMESTAMP'})
)
, w AS (
  SELECT * FROM (
    SELECT *, unnest(generate_series(win_start(ms, 10000, 0) - 10000, win_start(ms, 10000, 0), 10000)) AS ws FROM e)
  WHERE ws <= ms AND ms < ws + 20000
)
SELECT epoch_ms(ws) AS window_start, epoch_ms(ws + 20000) AS window_end, COUNT(*) AS n, CAST(SUM(v) AS INTEGER) AS total
FROM w
WHERE NOT coalesce(mx - 5000 >= ws + 20000 - 1, false)
GROUP BY ws;
