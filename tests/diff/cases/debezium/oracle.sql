WITH f AS (
  SELECT *, epoch_ms("date") AS ms
  FROM read_json('{{flights}}', format = 'newline_delimited', columns = {
    'date': 'TIMESTAMP', 'delay': 'BIGINT', 'distance': 'BIGINT',
    'origin': 'VARCHAR', 'destination': 'VARCHAR'})
)
SELECT destination, COUNT(*) AS arrivals, SUM(delay) AS total_delay, MAX(delay) AS max_delay
FROM f
WHERE distance > 2000
GROUP BY destination;
