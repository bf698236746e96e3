WITH f AS (
  SELECT *, epoch_ms("date") AS ms
  FROM read_json('{{flights}}', format = 'newline_delimited', columns = {
    'date': 'TIMESTAMP', 'delay': 'BIGINT', 'distance': 'BIGINT',
    'origin': 'VARCHAR', 'destination': 'VARCHAR'})
)
, w AS (SELECT *, win_start(ms, 7 * 86400000, 0) AS ws FROM f)
SELECT origin, epoch_ms(ws) AS window_start, COUNT(*) AS flights, COUNT(DISTINCT "date") AS dates,
       COUNT(DISTINCT delay) AS delays, COUNT(DISTINCT destination) AS destinations
FROM w
GROUP BY origin, ws
HAVING COUNT(DISTINCT "date") >= 200;
