-- the only candidate window starts at the minute of ms; kept if ms < s + 20 s
WITH e AS (
  SELECT *, epoch_ms(ts) AS ms
  FROM read_json('{{events}}', format = 'newline_delimited', columns = {
    'ts': 'TIMESTAMP', 'k': 'VARCHAR', 'a': 'BIGINT', 'b': 'INTEGER', 'x': 'DOUBLE', 'flag': 'BOOLEAN'})
)
, w AS (SELECT *, win_start(ms, 60000, 0) AS ws FROM e)
SELECT k, epoch_ms(ws) AS window_start, epoch_ms(ws + 20000) AS window_end, COUNT(*) AS n, SUM(a) AS sum_a
FROM w
WHERE ms < ws + 20000
GROUP BY k, ws;
