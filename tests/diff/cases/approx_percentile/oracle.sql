-- d = the sorted values (1-based list); at(p) = [LO, HI] of the values at the
-- two candidate ranks (written out per p).
WITH f AS (
  SELECT *, epoch_ms("date") AS ms
  FROM read_json('{{flights}}', format = 'newline_delimited', columns = {
    'date': 'TIMESTAMP', 'delay': 'BIGINT', 'distance': 'BIGINT',
    'origin': 'VARCHAR', 'destination': 'VARCHAR'})
)
, w AS (SELECT *, win_start(ms, 7 * 86400000, 0) AS ws FROM f)
, g AS (
  SELECT origin, ws, COUNT(*) AS flights, list_sort(list(distance)) AS d, COUNT(distance) AS n
  FROM w GROUP BY origin, ws
)
SELECT origin, epoch_ms(ws) AS window_start, flights,
       [least(d[greatest(ceil(n * 0.5), 1)::BIGINT], d[floor((n - 1) * 0.5)::BIGINT + 1]),
        greatest(d[greatest(ceil(n * 0.5), 1)::BIGINT], d[floor((n - 1) * 0.5)::BIGINT + 1])] AS p50,
       [least(d[greatest(ceil(n * 0.9), 1)::BIGINT], d[floor((n - 1) * 0.9)::BIGINT + 1]),
        greatest(d[greatest(ceil(n * 0.9), 1)::BIGINT], d[floor((n - 1) * 0.9)::BIGINT + 1])] AS p90,
       [least(d[greatest(ceil(n * 0.05), 1)::BIGINT], d[floor((n - 1) * 0.05)::BIGINT + 1]),
        greatest(d[greatest(ceil(n * 0.05), 1)::BIGINT], d[floor((n - 1) * 0.05)::BIGINT + 1])] AS p05
FROM g;
