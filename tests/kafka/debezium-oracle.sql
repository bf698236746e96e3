-- DuckDB's batch result of debezium.sql over the table the changes leave
-- behind (tests/kafka/cdc.mjs writes it: cdc-final.jsonl).
SELECT origin, COUNT(*) AS n, CAST(SUM(delay) AS BIGINT) AS total_delay,
       MIN(delay) AS min_delay, MAX(delay) AS max_delay,
       CAST(SUM(distance) AS BIGINT) AS total_distance
FROM read_json('{{final}}', format = 'newline_delimited', columns = {
  'id': 'INTEGER', 'origin': 'VARCHAR', 'delay': 'BIGINT', 'distance': 'BIGINT'})
GROUP BY origin;
