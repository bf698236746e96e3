WITH e AS (
  SELECT *, epoch_ms(ts) AS ms
  FROM read_json('{{events}}', format = 'newline_delimited', columns = {
    'ts': 'TIMESTAMP', 'k': 'VARCHAR', 'a': 'BIGINT', 'b': 'INTEGER', 'x': 'DOUBLE', 'flag': 'BOOLEAN'})
)
, w AS (SELECT *, win_start(ms, 600000, 0) AS ws FROM e)
, g AS (
  SELECT ws, COUNT(*) AS n,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY x) AS med_x,
         percentile_cont(0.75) WITHIN GROUP (ORDER BY x DESC) AS q3_x_desc,
         percentile_disc(0.5) WITHIN GROUP (ORDER BY a) AS med_a,
         percentile_disc(0.5) WITHIN GROUP (ORDER BY k) AS med_k,
         list_sort(list(x) FILTER (WHERE x IS NOT NULL)) AS d, COUNT(x) AS nx
  FROM w GROUP BY ws
)
SELECT epoch_ms(ws) AS window_start, n, med_x, q3_x_desc, med_a, med_k,
       CASE WHEN nx > 0 THEN
       [least(d[greatest(ceil(nx * 0.1), 1)::BIGINT], d[floor((nx - 1) * 0.1)::BIGINT + 1]),
        greatest(d[greatest(ceil(nx * 0.1), 1)::BIGINT], d[floor((nx - 1) * 0.1)::BIGINT + 1])] END AS approx_p10_x,
       CASE WHEN nx > 0 THEN
       [least(d[greatest(ceil(nx * 0.9), 1)::BIGINT], d[floor((nx - 1) * 0.9)::BIGINT + 1]),
        greatest(d[greatest(ceil(nx * 0.9), 1)::BIGINT], d[floor((nx - 1) * 0.9)::BIGINT + 1])] END AS approx_p90_x
FROM g;
