-- p = the day's start; windows [p, p + k * 2 h) for k = 1..12 whose end > ms.
WITH f AS (
  SELECT *, epoch_ms("date") AS ms
  FROM read_json('{{flights}}', format = 'newline_delimited', columns = {
    'date': 'TIMESTAMP', 'delay': 'BIGINT', 'distance': 'BIGINT',
    'origin': 'VARCHAR', 'destination': 'VARCHAR'})
)
, w AS (
  SELECT * FROM (
    SELECT *, win_start(ms, 86400000, 0) AS ws, unnest(generate_series(1, 12)) AS k FROM f)
  WHERE ws + k * 7200000 > ms
)
SELECT destination, epoch_ms(ws) AS window_start, epoch_ms(ws + k * 7200000) AS window_end,
       COUNT(*) AS arrivals, SUM(distance) AS total_distance, MAX(delay) AS max_delay
FROM w
WHERE destination IN ('ORD', 'ATL', 'DFW', 'LAX', 'SFO', 'DEN', 'BOS')
GROUP BY destination, ws, k;
