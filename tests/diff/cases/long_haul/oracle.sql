WITH f AS (
  SELECT *, epoch_ms("date") AS ms
  FROM read_json('{{flights}}', format = 'newline_delimited', columns = {
    'date': 'TIMESTAMP', 'delay': 'BIGINT', 'distance': 'BIGINT',
    'origin': 'VARCHAR', 'destination': 'VARCHAR'})
), w AS (SELECT *, ms - ((ms % 7200000) + 7200000) % 7200000 AS ws FROM f)
SELECT epoch_ms(ws) AS window_start, epoch_ms(ws + 7200000) AS window_end, origin,
       COUNT(*) AS flights,
       SUM(CASE WHEN delay > 30 THEN 1 ELSE 0 END) AS late_flights,
       SUM(CASE WHEN delay < 0 THEN -delay ELSE 0 END) AS early_minutes,
       CAST(SUM(CASE WHEN delay > 30 THEN 1 ELSE 0 END) AS DOUBLE) / COUNT(*) AS share_late
FROM w
WHERE distance >= 1000
GROUP BY ws, origin
HAVING COUNT(*) >= 3 AND SUM(CASE WHEN delay > 30 THEN 1 ELSE 0 END) > 0;
