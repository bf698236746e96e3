-- _rn: the input order (annotate.mjs)
WITH f AS (
  SELECT *, epoch_ms("date") AS ms
  FROM read_json('{{annotated}}', format = 'newline_delimited', columns = {
    '_rn': 'BIGINT', 'date': 'TIMESTAMP', 'delay': 'BIGINT', 'distance': 'BIGINT',
    'origin': 'VARCHAR', 'destination': 'VARCHAR'})
)
, w AS (
  SELECT * FROM (
    SELECT *, unnest(generate_series(win_start(ms, 1800000, 0) - 3 * 1800000, win_start(ms, 1800000, 0), 1800000)) AS ws
    FROM f WHERE origin IN ('SFO', 'LAX', 'SEA', 'PDX', 'SAN', 'OAK', 'SJC'))
  WHERE ws <= ms AND ms < ws + 7200000
)
SELECT origin, epoch_ms(ws) AS window_start, COUNT(*) AS flights,
       first(delay ORDER BY _rn) FILTER (WHERE delay IS NOT NULL) AS first_delay,
       last(distance ORDER BY _rn) FILTER (WHERE distance IS NOT NULL) AS last_distance,
       stddev_samp(delay) AS sd_delay
FROM w
GROUP BY origin, ws;
