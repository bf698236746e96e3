-- Flink integer / truncates toward zero: (a - a % b) // b is exact whatever
-- DuckDB's // does with negatives; % follows the dividend's sign in both.
WITH f AS (
  SELECT *, epoch_ms("date") AS ms
  FROM read_json('{{flights}}', format = 'newline_delimited', columns = {
    'date': 'TIMESTAMP', 'delay': 'BIGINT', 'distance': 'BIGINT',
    'origin': 'VARCHAR', 'destination': 'VARCHAR'})
)
SELECT "date",
       lower(origin) AS origin_lc,
       origin || '-' || destination AS route,
       origin || '>' || destination AS route2,
       length(origin || destination || 'x') AS route_len,
       substring(destination, 2, 2) AS dest_tail,
       upper(substring(lower(destination), 1, 1)) AS dest_initial,
       CASE WHEN delay < 0 THEN 'early'
            WHEN delay <= 15 THEN 'punct'
            WHEN delay <= 60 THEN 'delay'
            ELSE 'heavy' END AS status,
       delay * 60 AS delay_s,
       (distance - distance % 100) // 100 AS distance_100,
       (delay - delay % 7) // 7 AS delay_div7,
       delay % 7 AS delay_mod7,
       delay % 5 AS delay_rem5,
       abs(delay) AS abs_delay,
       round(CAST(distance AS DOUBLE) / 3, 1) AS third,
       floor(CAST(delay AS DOUBLE) / 60) AS delay_h_floor,
       ceil(CAST(delay AS DOUBLE) / 60) AS delay_h_ceil,
       (delay + 2) * 3 - (distance - distance % 10) // 10 AS score,
       coalesce(destination, 'n/a') AS dest
FROM f
WHERE origin = 'ORD';
