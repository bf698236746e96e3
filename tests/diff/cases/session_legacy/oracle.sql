-- Gaps and islands per destination over the rows WHERE keeps: a gap of more
-- than 2 h starts a session (ties and exactly 2 h continue it).
WITH f AS (
  SELECT *, epoch_ms("date") AS ms
  FROM read_json('{{flights}}', format = 'newline_delimited', columns = {
    'date': 'TIMESTAMP', 'delay': 'BIGINT', 'distance': 'BIGINT',
    'origin': 'VARCHAR', 'destination': 'VARCHAR'})
)
, k AS (SELECT * FROM f WHERE distance > 1000)
, g AS (
  SELECT *, CASE WHEN ms - lag(ms) OVER (PARTITION BY destination ORDER BY ms) <= 7200000 THEN 0 ELSE 1 END AS new_s
  FROM k
), s AS (
  SELECT *, sum(new_s) OVER (PARTITION BY destination ORDER BY ms, new_s DESC ROWS UNBOUNDED PRECEDING) AS sid FROM g
)
SELECT destination, epoch_ms(MIN(ms)) AS s_start, epoch_ms(MAX(ms) + 7200000) AS s_end,
       COUNT(*) AS arrivals, SUM(distance) AS total_distance
FROM s
GROUP BY destination, sid;
