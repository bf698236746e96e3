WITH f AS (
  SELECT *, epoch_ms("date") AS ms
  FROM read_json('{{flights}}', format = 'newline_delimited', columns = {
    'date': 'TIMESTAMP', 'delay': 'BIGINT', 'distance': 'BIGINT',
    'origin': 'VARCHAR', 'destination': 'VARCHAR'})
)
, w AS (SELECT *, win_start(ms, 86400000, 0) AS ws FROM f)
SELECT origin, epoch_ms(ws) AS window_start, COUNT(*) AS flights,
       COUNT(*) FILTER (WHERE delay > 15) AS late_flights,
       SUM(delay) FILTER (WHERE delay > 0) AS late_minutes,
       AVG(CAST(distance AS DOUBLE)) FILTER (WHERE destination = 'ORD') AS avg_dist_to_ord,
       MAX(delay) FILTER (WHERE distance > 1000) AS max_long_haul_delay,
       COUNT(DISTINCT destination) FILTER (WHERE delay < 0) AS early_destinations
FROM w
GROUP BY origin, ws;
