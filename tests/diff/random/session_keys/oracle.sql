-- Gaps and islands per k in event-time order (the batch result equals the
-- stream's: gen.mjs keeps every record more than 1 s ahead of the
-- watermark, so no session fires before a record that would extend it).
WITH e AS (
  SELECT *, epoch_ms(ts) AS ms
  FROM read_json('{{events}}', format = 'newline_delimited', columns = {
    'ts': 'TIMESTAMP', 'k': 'VARCHAR', 'a': 'BIGINT', 'b': 'INTEGER', 'x': 'DOUBLE', 'flag': 'BOOLEAN'})
)
, g AS (
  SELECT *, CASE WHEN ms - lag(ms) OVER (PARTITION BY k ORDER BY ms) <= 40000 THEN 0 ELSE 1 END AS new_s
  FROM e
), s AS (
  SELECT *, sum(new_s) OVER (PARTITION BY k ORDER BY ms, new_s DESC ROWS UNBOUNDED PRECEDING) AS sid FROM g
)
SELECT k, epoch_ms(MIN(ms)) AS window_start, epoch_ms(MAX(ms) + 40000) AS window_end, COUNT(*) AS n,
       SUM(a) AS sum_a, MIN(x) AS min_x, MAX(x) AS max_x
FROM s
GROUP BY k, sid;
