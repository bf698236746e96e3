-- Oracle for examples/flights/delays.sql (run.sh uses that file as the query;
-- the columns follow its sink hourly_delays).
-- Tumbling windows: epoch-aligned, [start, start + 1 h), computed on epoch ms.
WITH f AS (
  SELECT *, epoch_ms("date") AS ms
  FROM read_json('{{flights}}', format = 'newline_delimited', columns = {
    'date': 'TIMESTAMP', 'delay': 'BIGINT', 'distance': 'BIGINT',
    'origin': 'VARCHAR', 'destination': 'VARCHAR'})
), w AS (
  SELECT *, ms - ((ms % 3600000) + 3600000) % 3600000 AS ws FROM f
)
SELECT origin, epoch_ms(ws) AS window_start, epoch_ms(ws + 3600000) AS window_end,
       COUNT(*) AS flights,
       AVG(CAST(delay AS DOUBLE)) AS avg_delay,
       MIN(delay) AS min_delay,
       MAX(delay) AS max_delay,
       SUM(CASE WHEN delay > 15 THEN 1 ELSE 0 END) AS delayed
FROM w
GROUP BY ws, origin
HAVING COUNT(*) >= 5;
