WITH f AS (SELECT *, epoch_ms("date") AS ms FROM read_json('{{flights}}', format = 'newline_delimited', columns = {'date': 'TIMESTAMP', 'delay': 'BIGINT', 'distance': 'BIGINT', 'origin': 'VARCHAR', 'destination': 'VARCHAR'})), s AS (SELECT *, CASE WHEN ms - lag(ms) OVER (PARTITION BY origin ORDER BY ms) <= 600000 THEN 0 ELSE 1 END AS brk FROM f),
g AS (SELECT *, sum(brk) OVER (PARTITION BY origin ORDER BY ms ROWS UNBOUNDED PRECEDING) AS sid FROM s)
SELECT origin, epoch_ms(min(ms)) AS window_start, epoch_ms(max(ms) + 600000) AS window_end, COUNT(*) AS flights, MAX(delay) AS max_delay
FROM g GROUP BY origin, sid;
