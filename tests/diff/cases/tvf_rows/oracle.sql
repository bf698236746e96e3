WITH f AS (
  SELECT *, epoch_ms("date") AS ms
  FROM read_json('{{flights}}', format = 'newline_delimited', columns = {
    'date': 'TIMESTAMP', 'delay': 'BIGINT', 'distance': 'BIGINT',
    'origin': 'VARCHAR', 'destination': 'VARCHAR'})
)
, w AS (
  SELECT * FROM (
    SELECT *, unnest(generate_series(win_start(ms, 600000, 0) - 2 * 600000,
                                     win_start(ms, 600000, 0), 600000)) AS ws
    FROM f)
  WHERE ws <= ms AND ms < ws + 1500000
)
SELECT "date", destination, delay, epoch_ms(ws) AS window_start, epoch_ms(ws + 1500000) AS window_end,
       epoch_ms(ws + 1500000 - 1) AS window_time
FROM w
WHERE origin = 'SFO';
