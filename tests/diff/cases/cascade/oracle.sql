-- Stage 1: 10-minute windows per origin, rowtime = end - 1 ms; stage 2:
-- hourly windows over rowtime.
WITH f AS (
  SELECT *, epoch_ms("date") AS ms
  FROM read_json('{{flights}}', format = 'newline_delimited', columns = {
    'date': 'TIMESTAMP', 'delay': 'BIGINT', 'distance': 'BIGINT',
    'origin': 'VARCHAR', 'destination': 'VARCHAR'})
)
, s1 AS (
  SELECT origin, win_start(ms, 600000, 0) AS w10, win_start(ms, 600000, 0) + 600000 - 1 AS rt,
         COUNT(*) AS c, SUM(delay) AS d
  FROM f GROUP BY origin, w10
)
SELECT epoch_ms(win_start(rt, 3600000, 0)) AS window_start, epoch_ms(win_start(rt, 3600000, 0) + 3600000) AS window_end,
       COUNT(*) AS origin_windows, SUM(c) AS flights, MAX(c) AS busiest, SUM(d) AS total_delay,
       epoch_ms(MAX(w10)) AS last_w10
FROM s1
GROUP BY win_start(rt, 3600000, 0);
