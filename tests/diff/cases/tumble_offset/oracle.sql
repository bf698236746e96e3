WITH f AS (
  SELECT *, epoch_ms("date") AS ms
  FROM read_json('{{flights}}', format = 'newline_delimited', columns = {
    'date': 'TIMESTAMP', 'delay': 'BIGINT', 'distance': 'BIGINT',
    'origin': 'VARCHAR', 'destination': 'VARCHAR'})
), w AS (SELECT *, win_start(ms, 86400000, 5 * 3600000) AS ws FROM f)
SELECT origin, epoch_ms(ws) AS window_start, epoch_ms(ws + 86400000) AS window_end,
       epoch_ms(ws + 86400000 - 1) AS window_time,
       COUNT(*) AS flights, SUM(delay) AS total_delay, MAX(distance) AS max_distance
FROM w
GROUP BY origin, ws;
