WITH e AS (
  SELECT *, epoch_ms(ts) AS ms
  FROM read_json('{{events}}', format = 'newline_delimited', columns = {
    'ts': 'TIMESTAMP', 'k': 'VARCHAR', 'a': 'BIGINT', 'b': 'INTEGER', 'x': 'DOUBLE', 'flag': 'BOOLEAN'})
)
, per_key AS (SELECT k, SUM(x) AS sx, COUNT(*) AS n, MAX(k) AS mk FROM e GROUP BY k)
SELECT n > 600 AS big, COUNT(*) AS keys, stddev_pop(sx) AS sd, var_samp(sx) AS var_s, AVG(sx) AS avg_sx,
       COUNT(DISTINCT n) AS distinct_n, MIN(mk) AS min_k, MAX(mk) AS max_k
FROM per_key
GROUP BY n > 600;
