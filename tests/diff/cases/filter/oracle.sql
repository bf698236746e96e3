WITH f AS (
  SELECT *, epoch_ms("date") AS ms
  FROM read_json('{{flights}}', format = 'newline_delimited', columns = {
    'date': 'TIMESTAMP', 'delay': 'BIGINT', 'distance': 'BIGINT',
    'origin': 'VARCHAR', 'destination': 'VARCHAR'})
)
SELECT "date", origin, destination, delay, distance
FROM f
WHERE delay >= 120 AND distance > 1500
   OR (origin = 'SFO' AND destination = 'JFK' AND NOT delay < 0);
