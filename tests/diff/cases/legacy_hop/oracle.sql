-- Windows [s, s + 6 h), s a multiple of 2 h, s <= ms < s + 6 h.
WITH f AS (
  SELECT *, epoch_ms("date") AS ms
  FROM read_json('{{flights}}', format = 'newline_delimited', columns = {
    'date': 'TIMESTAMP', 'delay': 'BIGINT', 'distance': 'BIGINT',
    'origin': 'VARCHAR', 'destination': 'VARCHAR'})
)
, w AS (
  SELECT * FROM (
    SELECT *, unnest(generate_series(win_start(ms, 7200000, 0) - 2 * 7200000,
                                     win_start(ms, 7200000, 0), 7200000)) AS ws
    FROM f)
  WHERE ws <= ms AND ms < ws + 21600000
)
SELECT destination, epoch_ms(ws) AS h_start, epoch_ms(ws + 21600000) AS h_end,
       COUNT(*) AS arrivals, MAX(delay) AS max_delay
FROM w
GROUP BY destination, ws
HAVING COUNT(*) >= 20;
