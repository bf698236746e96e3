WITH e AS (
  SELECT *, epoch_ms(ts) AS ms
  FROM read_json('{{sessions}}', format = 'newline_delimited', columns = {
    '_sid': 'BIGINT', '_late': 'BOOLEAN',
    'ts': 'TIMESTAMP', 'k': 'VARCHAR', 'a': 'BIGINT', 'b': 'INTEGER', 'x': 'DOUBLE', 'flag': 'BOOLEAN'})
)
SELECT k, epoch_ms(MIN(ms)) AS window_start, epoch_ms(MAX(ms) + 45000) AS window_end, COUNT(*) AS n,
       stddev_pop(x) AS sd_x, COUNT(DISTINCT b) AS bs, percentile_cont(0.5) WITHIN GROUP (ORDER BY x) AS med_x,
       COUNT(DISTINCT b) AS approx_b, AVG(x) AS avg_x, MIN(a) AS min_a, MAX(ts) AS max_ts
FROM e
WHERE NOT _late
GROUP BY k, _sid;
