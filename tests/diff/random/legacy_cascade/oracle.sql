-- stage 1: per k and minute, rt = the minute's end - 1 ms; stage 2: 10-minute
-- windows of rt.
WITH e AS (
  SELECT *, epoch_ms(ts) AS ms
  FROM read_json('{{events}}', format = 'newline_delimited', columns = {
    'ts': 'TIMESTAMP', 'k': 'VARCHAR', 'a': 'BIGINT', 'b': 'INTEGER', 'x': 'DOUBLE', 'flag': 'BOOLEAN'})
)
, s1 AS (
  SELECT k, win_start(ms, 60000, 0) + 60000 - 1 AS rt, COUNT(*) AS c, MAX(a) AS max_a
  FROM e GROUP BY k, win_start(ms, 60000, 0)
)
SELECT epoch_ms(win_start(rt, 600000, 0)) AS w_start, epoch_ms(win_start(rt, 600000, 0) + 600000) AS w_end,
       COUNT(*) AS key_minutes, SUM(c) AS records, MAX(max_a) AS max_a, epoch_ms(MAX(rt)) AS last_rt
FROM s1
GROUP BY win_start(rt, 600000, 0);
