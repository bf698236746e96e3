WITH f AS (SELECT *, epoch_ms("date") AS ms FROM read_json('{{flights}}', format = 'newline_delimited', columns = {'date': 'TIMESTAMP', 'delay': 'BIGINT', 'distance': 'BIGINT', 'origin': 'VARCHAR', 'destination': 'VARCHAR'})), w AS (SELECT origin, delay, (ms - ((ms % 60000) + 60000) % 60000) + 60000 + i * 60000 AS we
  FROM f, range(0, 60) t(i))
SELECT origin, epoch_ms(we) AS window_end, COUNT(*) AS flights, AVG(CAST(delay AS DOUBLE)) AS avg_delay
FROM w GROUP BY origin, we;
