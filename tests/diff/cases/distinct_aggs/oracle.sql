-- AVG of BIGINT truncates toward zero: (s - s % c) // c is exact.
WITH f AS (
  SELECT *, epoch_ms("date") AS ms
  FROM read_json('{{flights}}', format = 'newline_delimited', columns = {
    'date': 'TIMESTAMP', 'delay': 'BIGINT', 'distance': 'BIGINT',
    'origin': 'VARCHAR', 'destination': 'VARCHAR'})
)
, w AS (SELECT *, win_start(ms, 7 * 86400000, 0) AS ws FROM f)
, a AS (
  SELECT origin, ws, COUNT(*) AS flights, COUNT(DISTINCT destination) AS destinations,
         COUNT(DISTINCT delay) AS delays, SUM(DISTINCT delay) AS sum_distinct_delay,
         SUM(DISTINCT distance) AS sd, COUNT(DISTINCT distance) AS cd, MAX(DISTINCT delay) AS max_distinct_delay
  FROM w GROUP BY origin, ws
)
SELECT origin, epoch_ms(ws) AS window_start, flights, destinations, delays, sum_distinct_delay,
       CAST((sd - sd % cd) // cd AS BIGINT) AS avg_distinct_distance, max_distinct_delay
FROM a;
