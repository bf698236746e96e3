WITH f AS (
  SELECT *, epoch_ms("date") AS ms
  FROM read_json('{{flights}}', format = 'newline_delimited', columns = {
    'date': 'TIMESTAMP', 'delay': 'BIGINT', 'distance': 'BIGINT',
    'origin': 'VARCHAR', 'destination': 'VARCHAR'})
), w AS (SELECT *, ms - ((ms % 86400000) + 86400000) % 86400000 AS ws FROM f)
SELECT epoch_ms(ws) AS window_start, lower(origin) AS origin_lc,
       COUNT(*) * 2 AS double_count,
       SUM(delay * distance) AS delay_miles,
       MAX(length(destination || '/' || origin)) AS longest_route,
       CAST(SUM(delay) AS DOUBLE) / COUNT(*) AS mean_delay,
       MAX(delay) - MIN(delay) AS delay_range,
       epoch_ms(ws + 86400000) AS window_end
FROM w
GROUP BY ws, origin;
