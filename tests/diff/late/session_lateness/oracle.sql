WITH e AS (
  SELECT *, epoch_ms(ts) AS ms
  FROM read_json('{{sessions}}', format = 'newline_delimited', columns = {
    '_sid': 'BIGINT', '_late': 'BOOLEAN',
    'ts': 'TIMESTAMP', 'k': 'VARCHAR', 'a': 'BIGINT', 'b': 'INTEGER', 'x': 'DOUBLE', 'flag': 'BOOLEAN'})
)
SELECT k, epoch_ms(MIN(ms)) AS window_start, epoch_ms(MAX(ms) + 45000) AS window_end, COUNT(*) AS n,
       SUM(a) AS sum_a
FROM e
WHERE NOT _late
GROUP BY k, _sid;
