-- DuckDB's batch result of upsert.sql's by_count (tests/kafka/run.sh).
SELECT flights, COUNT(*) AS origins
FROM (SELECT origin, COUNT(*) AS flights
      FROM read_json('{{flights}}', format = 'newline_delimited', columns = {
        'date': 'TIMESTAMP', 'delay': 'BIGINT', 'distance': 'BIGINT',
        'origin': 'VARCHAR', 'destination': 'VARCHAR'})
      GROUP BY origin)
GROUP BY flights;
