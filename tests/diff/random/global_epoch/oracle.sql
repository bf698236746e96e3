WITH e AS (
  SELECT *, epoch_ms(ts) AS ms
  FROM read_json('{{events}}', format = 'newline_delimited', columns = {
    'ts': 'TIMESTAMP', 'k': 'VARCHAR', 'a': 'BIGINT', 'b': 'INTEGER', 'x': 'DOUBLE', 'flag': 'BOOLEAN'})
), w AS (SELECT *, ms - ((ms % 600000) + 600000) % 600000 AS ws FROM e)
SELECT epoch_ms(ws) AS window_start, epoch_ms(ws + 600000) AS window_end,
       COUNT(*) AS n, COUNT(k) AS n_k, SUM(CASE WHEN a < 0 THEN 1 ELSE 0 END) AS negatives,
       MIN(ts) AS first_ts, MAX(ts) AS last_ts, MIN(x) AS min_x, SUM(COALESCE(a, 0)) AS total_a
FROM w
WHERE b IS NOT NULL
GROUP BY ws
HAVING COUNT(*) > 10 AND SUM(CASE WHEN flag THEN 1 ELSE 0 END) >= 1;
