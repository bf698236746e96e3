WITH e AS (
  SELECT *, epoch_ms(ts) AS ms
  FROM read_json('{{events}}', format = 'newline_delimited', columns = {
    'ts': 'TIMESTAMP', 'k': 'VARCHAR', 'a': 'BIGINT', 'b': 'INTEGER', 'x': 'DOUBLE', 'flag': 'BOOLEAN'})
), w AS (SELECT *, ms - ((ms % 60000) + 60000) % 60000 AS ws FROM e)
SELECT epoch_ms(ws) AS window_start, epoch_ms(ws + 60000) AS window_end, k,
       COUNT(*) AS n, COUNT(a) AS n_a, SUM(a) AS sum_a, MIN(a) AS min_a, MAX(a) AS max_a,
       AVG(CAST(a AS DOUBLE)) AS avg_a,
       SUM(x) AS sum_x, MIN(x) AS min_x, MAX(x) AS max_x, AVG(x) AS avg_x,
       SUM(CASE WHEN flag THEN 1 ELSE 0 END) AS flagged, SUM(b) AS sum_b
FROM w
GROUP BY ws, k;
