WITH f AS (
  SELECT *, epoch_ms("date") AS ms
  FROM read_json('{{flights}}', format = 'newline_delimited', columns = {
    'date': 'TIMESTAMP', 'delay': 'BIGINT', 'distance': 'BIGINT',
    'origin': 'VARCHAR', 'destination': 'VARCHAR'})
)
, w AS (SELECT *, win_start(ms, 86400000, 0) AS ws FROM f WHERE origin IN ('SFO', 'LAX', 'SEA', 'PDX', 'SAN'))
SELECT epoch_ms(ws) AS window_start, origin, destination, CAST(GROUPING(origin) AS INTEGER) AS g_origin,
       CAST(GROUPING(destination) AS INTEGER) AS g_dest, CAST(GROUPING(origin, destination) AS INTEGER) AS g_both,
       COUNT(*) AS flights, SUM(delay) AS total_delay
FROM w
GROUP BY GROUPING SETS ((ws, origin, destination), (ws, origin), (ws));
