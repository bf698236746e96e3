-- AVG(b) of an INT is INT, truncated toward zero; approx_p90_x: [LO, HI]
-- at the two candidate ranks (see random/percentiles).
WITH e AS (
  SELECT *, epoch_ms(ts) AS ms
  FROM read_json('{{events}}', format = 'newline_delimited', columns = {
    'ts': 'TIMESTAMP', 'k': 'VARCHAR', 'a': 'BIGINT', 'b': 'INTEGER', 'x': 'DOUBLE', 'flag': 'BOOLEAN'})
)
, w AS (
  SELECT * FROM (
    SELECT *, unnest(generate_series(win_start(ms, 20000, 0) - 5 * 20000, win_start(ms, 20000, 0), 20000)) AS ws FROM e)
  WHERE ws <= ms AND ms < ws + 120000
), g AS (
  SELECT ws, COUNT(*) AS n, stddev_pop(x) AS sd_x, var_samp(a) AS var_a, COUNT(DISTINCT k) AS keys,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY x) AS med_x,
         percentile_disc(0.5) WITHIN GROUP (ORDER BY b) AS disc_b,
         list_sort(list(x) FILTER (WHERE x IS NOT NULL)) AS d, COUNT(x) AS nx, SUM(b) AS sb, COUNT(b) AS cb,
         MIN(k) AS min_k, MAX(k) AS max_k
  FROM w GROUP BY ws
)
SELECT epoch_ms(ws) AS window_start, n, sd_x, var_a, keys, med_x, disc_b,
       CASE WHEN nx > 0 THEN
       [least(d[greatest(ceil(nx * 0.9), 1)::BIGINT], d[floor((nx - 1) * 0.9)::BIGINT + 1]),
        greatest(d[greatest(ceil(nx * 0.9), 1)::BIGINT], d[floor((nx - 1) * 0.9)::BIGINT + 1])] END AS approx_p90_x,
       CAST((sb - sb % cb) // cb AS INTEGER) AS avg_b, min_k, max_k
FROM g;
