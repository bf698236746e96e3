WITH e AS (
  SELECT *, epoch_ms(ts) AS ms
  FROM read_json('{{sessions}}', format = 'newline_delimited', columns = {
    '_sid': 'BIGINT', '_late': 'BOOLEAN',
    'ts': 'TIMESTAMP', 'k': 'VARCHAR', 'a': 'BIGINT', 'b': 'INTEGER', 'x': 'DOUBLE', 'flag': 'BOOLEAN'})
)
SELECT count(*) AS late FROM e WHERE _late;
