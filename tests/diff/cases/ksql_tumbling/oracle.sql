WITH f AS (
  SELECT *, epoch_ms("date") AS ms
  FROM read_json('{{flights}}', format = 'newline_delimited', columns = {
    'date': 'TIMESTAMP', 'delay': 'BIGINT', 'distance': 'BIGINT',
    'origin': 'VARCHAR', 'destination': 'VARCHAR'})
)
, w AS (SELECT *, win_start(ms, 10800000, 0) AS ws FROM f)
SELECT destination, epoch_ms(ws) AS ws, epoch_ms(ws + 10800000) AS we,
       COUNT(*) AS arrivals, SUM(delay) AS total_delay
FROM w
GROUP BY destination, ws;
