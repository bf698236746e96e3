WITH f AS (
  SELECT *, epoch_ms("date") AS ms
  FROM read_json('{{flights}}', format = 'newline_delimited', columns = {
    'date': 'TIMESTAMP', 'delay': 'BIGINT', 'distance': 'BIGINT',
    'origin': 'VARCHAR', 'destination': 'VARCHAR'})
)
, w AS (SELECT *, win_start(ms, 21600000, 0) AS ws FROM f WHERE delay > 0)
SELECT destination, epoch_ms(ws) AS ws, epoch_ms(ws + 21600000) AS we,
       COUNT(*) AS arrivals, SUM(delay) AS total_delay
FROM w
GROUP BY destination, ws;
