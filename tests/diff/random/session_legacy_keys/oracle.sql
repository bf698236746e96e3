WITH e AS (
  SELECT *, epoch_ms(ts) AS ms
  FROM read_json('{{events}}', format = 'newline_delimited', columns = {
    'ts': 'TIMESTAMP', 'k': 'VARCHAR', 'a': 'BIGINT', 'b': 'INTEGER', 'x': 'DOUBLE', 'flag': 'BOOLEAN'})
)
, g AS (
  SELECT *, CASE WHEN ms - lag(ms) OVER (PARTITION BY k, flag ORDER BY ms) <= 30000 THEN 0 ELSE 1 END AS new_s
  FROM e
), s AS (
  SELECT *, sum(new_s) OVER (PARTITION BY k, flag ORDER BY ms, new_s DESC ROWS UNBOUNDED PRECEDING) AS sid FROM g
)
SELECT k, flag, epoch_ms(MIN(ms)) AS s_start, epoch_ms(MAX(ms) + 30000) AS s_end, COUNT(*) AS n, MAX(b) AS max_b
FROM s
GROUP BY k, flag, sid;
