-- Gaps and islands per origin (more than 45 min apart: a new session).
WITH f AS (
  SELECT *, epoch_ms("date") AS ms
  FROM read_json('{{flights}}', format = 'newline_delimited', columns = {
    'date': 'TIMESTAMP', 'delay': 'BIGINT', 'distance': 'BIGINT',
    'origin': 'VARCHAR', 'destination': 'VARCHAR'})
)
, k AS (SELECT * FROM f WHERE origin LIKE 'S%')
, g AS (
  SELECT *, CASE WHEN ms - lag(ms) OVER (PARTITION BY origin ORDER BY ms) <= 2700000 THEN 0 ELSE 1 END AS new_s
  FROM k
), s AS (
  SELECT *, sum(new_s) OVER (PARTITION BY origin ORDER BY ms, new_s DESC ROWS UNBOUNDED PRECEDING) AS sid FROM g
)
SELECT origin, epoch_ms(MIN(ms)) AS ws, epoch_ms(MAX(ms) + 2700000) AS we,
       COUNT(*) AS flights, AVG(CAST(delay AS DOUBLE)) AS avg_delay
FROM s
GROUP BY origin, sid;
