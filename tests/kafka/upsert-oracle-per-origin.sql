-- DuckDB's batch result of upsert.sql's per_origin (tests/kafka/run.sh).
SELECT origin, COUNT(*) AS flights, CAST(SUM(delay) AS BIGINT) AS total_delay,
       MAX(delay) AS max_delay
FROM read_json('{{flights}}', format = 'newline_delimited', columns = {
  'date': 'TIMESTAMP', 'delay': 'BIGINT', 'distance': 'BIGINT',
  'origin': 'VARCHAR', 'destination': 'VARCHAR'})
GROUP BY origin;
