-- Gaps and islands: a new session starts where the previous flight of the
-- same origin is more than 90 min before (ties and exactly 90 min continue).
WITH f AS (
  SELECT *, epoch_ms("date") AS ms
  FROM read_json('{{flights}}', format = 'newline_delimited', columns = {
    'date': 'TIMESTAMP', 'delay': 'BIGINT', 'distance': 'BIGINT',
    'origin': 'VARCHAR', 'destination': 'VARCHAR'})
)
, g AS (
  SELECT *, CASE WHEN ms - lag(ms) OVER (PARTITION BY origin ORDER BY ms) <= 5400000 THEN 0 ELSE 1 END AS new_s
  FROM f WHERE delay >= 0
), s AS (
  SELECT *, sum(new_s) OVER (PARTITION BY origin ORDER BY ms, new_s DESC ROWS UNBOUNDED PRECEDING) AS sid FROM g
)
SELECT origin, epoch_ms(MIN(ms)) AS window_start, epoch_ms(MAX(ms) + 5400000) AS window_end,
       epoch_ms(MAX(ms) + 5400000 - 1) AS window_time,
       COUNT(*) AS flights, MIN(delay) AS min_delay, MAX(delay) AS max_delay, SUM(distance) AS total_distance
FROM s
GROUP BY origin, sid;
