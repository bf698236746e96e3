-- Windows [s, s + 60 min) with s a multiple of 25 min and s <= ms < s + 60 min:
-- candidates are the last 3 slide starts up to ms (60 / 25 < 3), filtered.
WITH f AS (
  SELECT *, epoch_ms("date") AS ms
  FROM read_json('{{flights}}', format = 'newline_delimited', columns = {
    'date': 'TIMESTAMP', 'delay': 'BIGINT', 'distance': 'BIGINT',
    'origin': 'VARCHAR', 'destination': 'VARCHAR'})
)
, w AS (
  SELECT * FROM (
    SELECT *, unnest(generate_series(win_start(ms, 1500000, 0) - 2 * 1500000,
                                     win_start(ms, 1500000, 0), 1500000)) AS ws
    FROM f)
  WHERE ws <= ms AND ms < ws + 3600000
)
SELECT epoch_ms(ws) AS window_start, epoch_ms(ws + 3600000) AS window_end,
       epoch_ms(ws + 3600000 - 1) AS window_time,
       COUNT(*) AS flights, SUM(delay) AS total_delay, MIN(delay) AS min_delay, MAX(delay) AS max_delay,
       SUM(CASE WHEN distance > 2000 THEN 1 ELSE 0 END) AS routes_gt_2000
FROM w
GROUP BY ws;
