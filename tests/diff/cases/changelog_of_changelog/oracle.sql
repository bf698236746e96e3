WITH f AS (
  SELECT *, epoch_ms("date") AS ms
  FROM read_json('{{flights}}', format = 'newline_delimited', columns = {
    'date': 'TIMESTAMP', 'delay': 'BIGINT', 'distance': 'BIGINT',
    'origin': 'VARCHAR', 'destination': 'VARCHAR'})
)
, per_origin AS (
  SELECT origin, COUNT(*) AS n, MAX(delay) AS worst FROM f WHERE delay > 90 GROUP BY origin
)
SELECT n, COUNT(*) AS origins, MIN(worst) AS min_worst, MAX(worst) AS max_worst, SUM(worst) AS sum_worst
FROM per_origin
GROUP BY n;
