WITH e AS (
  SELECT *, epoch_ms(ts) AS ms
  FROM read_json('{{events}}', format = 'newline_delimited', columns = {
    'ts': 'TIMESTAMP', 'k': 'VARCHAR', 'a': 'BIGINT', 'b': 'INTEGER', 'x': 'DOUBLE', 'flag': 'BOOLEAN'})
)
SELECT k, 1 AS b_sign FROM e WHERE a > 0
UNION
SELECT k, CASE WHEN b < 0 THEN -1 ELSE 1 END AS b_sign FROM e WHERE flag;
