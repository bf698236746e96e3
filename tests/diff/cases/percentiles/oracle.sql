WITH f AS (
  SELECT *, epoch_ms("date") AS ms
  FROM read_json('{{flights}}', format = 'newline_delimited', columns = {
    'date': 'TIMESTAMP', 'delay': 'BIGINT', 'distance': 'BIGINT',
    'origin': 'VARCHAR', 'destination': 'VARCHAR'})
)
, w AS (SELECT *, win_start(ms, 7 * 86400000, 0) AS ws FROM f)
SELECT origin, epoch_ms(ws) AS window_start, COUNT(*) AS flights,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY delay) AS median_delay,
       percentile_cont(0.25) WITHIN GROUP (ORDER BY distance DESC) AS p25_distance_desc,
       percentile_disc(0.5) WITHIN GROUP (ORDER BY distance) AS median_distance_disc,
       percentile_disc(0.9) WITHIN GROUP (ORDER BY distance) AS p90_distance,
       percentile_disc(0.1) WITHIN GROUP (ORDER BY delay) AS p10_delay,
       percentile_disc(0.75) WITHIN GROUP (ORDER BY delay DESC) AS p75_delay_desc
FROM w
GROUP BY origin, ws;
