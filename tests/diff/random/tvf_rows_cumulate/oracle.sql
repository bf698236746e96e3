WITH e AS (
  SELECT *, epoch_ms(ts) AS ms
  FROM read_json('{{events}}', format = 'newline_delimited', columns = {
    'ts': 'TIMESTAMP', 'k': 'VARCHAR', 'a': 'BIGINT', 'b': 'INTEGER', 'x': 'DOUBLE', 'flag': 'BOOLEAN'})
)
, w AS (
  SELECT * FROM (SELECT *, win_start(ms, 60000, 0) AS ws, unnest(generate_series(1, 4)) AS j FROM e)
  WHERE ws + j * 15000 > ms
)
SELECT ts, k, b, epoch_ms(ws) AS window_start, epoch_ms(ws + j * 15000) AS window_end,
       epoch_ms(ws + j * 15000 - 1) AS window_time
FROM w
WHERE b > 5;
