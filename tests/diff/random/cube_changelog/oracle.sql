WITH e AS (
  SELECT *, epoch_ms(ts) AS ms
  FROM read_json('{{events}}', format = 'newline_delimited', columns = {
    'ts': 'TIMESTAMP', 'k': 'VARCHAR', 'a': 'BIGINT', 'b': 'INTEGER', 'x': 'DOUBLE', 'flag': 'BOOLEAN'})
)
SELECT k, flag, CAST(GROUPING(k, flag) AS INTEGER) AS g, COUNT(*) AS n, CAST(SUM(b) AS INTEGER) AS sum_b
FROM e
GROUP BY CUBE (k, flag);
