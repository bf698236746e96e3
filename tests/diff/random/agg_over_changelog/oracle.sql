WITH e AS (
  SELECT *, epoch_ms(ts) AS ms
  FROM read_json('{{events}}', format = 'newline_delimited', columns = {
    'ts': 'TIMESTAMP', 'k': 'VARCHAR', 'a': 'BIGINT', 'b': 'INTEGER', 'x': 'DOUBLE', 'flag': 'BOOLEAN'})
)
, per_key AS (SELECT k, COUNT(*) AS c, SUM(b) AS s FROM e WHERE flag GROUP BY k)
SELECT c, COUNT(*) AS keys, CAST(SUM(s) AS INTEGER) AS sum_s, MIN(s) AS min_s, MAX(s) AS max_s
FROM per_key GROUP BY c;
