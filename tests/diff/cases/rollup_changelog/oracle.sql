WITH f AS (
  SELECT *, epoch_ms("date") AS ms
  FROM read_json('{{flights}}', format = 'newline_delimited', columns = {
    'date': 'TIMESTAMP', 'delay': 'BIGINT', 'distance': 'BIGINT',
    'origin': 'VARCHAR', 'destination': 'VARCHAR'})
)
SELECT origin, destination, CAST(GROUPING(origin, destination) AS INTEGER) AS level,
       COUNT(*) AS flights, MAX(delay) AS max_delay
FROM f
WHERE origin IN ('SFO', 'OAK', 'SJC')
GROUP BY ROLLUP (origin, destination);
