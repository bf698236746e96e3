WITH f AS (
  SELECT *, epoch_ms("date") AS ms
  FROM read_json('{{flights}}', format = 'newline_delimited', columns = {
    'date': 'TIMESTAMP', 'delay': 'BIGINT', 'distance': 'BIGINT',
    'origin': 'VARCHAR', 'destination': 'VARCHAR'})
)
, w AS (SELECT *, win_start(ms, 86400000, 0) AS ws FROM f)
SELECT origin, epoch_ms(ws) AS window_start, COUNT(*) AS flights, stddev_pop(delay) AS sd_pop,
       stddev_samp(delay) AS sd_samp, var_pop(distance) AS var_pop_dist,
       var_samp(CAST(delay AS DOUBLE)) AS var_samp, stddev_samp(distance) AS sd_alias, var_samp(delay) AS var_alias
FROM w
GROUP BY origin, ws;
