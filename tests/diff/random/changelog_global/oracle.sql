WITH e AS (
  SELECT *, epoch_ms(ts) AS ms
  FROM read_json('{{events}}', format = 'newline_delimited', columns = {
    'ts': 'TIMESTAMP', 'k': 'VARCHAR', 'a': 'BIGINT', 'b': 'INTEGER', 'x': 'DOUBLE', 'flag': 'BOOLEAN'})
)
SELECT COUNT(*) AS n, COUNT(a) AS n_a, SUM(a) AS sum_a, MIN(ts) AS first_ts, MAX(x) AS max_x,
       COUNT(DISTINCT k) AS keys, AVG(x) AS avg_x, stddev_pop(x) AS sd_x
FROM e;
