WITH e AS (
  SELECT *, epoch_ms(ts) AS ms, _max AS wm
  FROM read_json('{{annotated}}', format = 'newline_delimited', columns = {
    '_rn': 'BIGINT', '_max': 'BIGINT',
    'ts': 'TIMESTAMP', 'k': 'VARCHAR', 'a': 'BIGINT', 'b': 'INTEGER', 'x': 'DOUBLE', 'flag': 'BOOLEAN'})
)
, w AS (SELECT *, win_start(ms, 30000, 0) AS ws FROM e WHERE x > 0)
SELECT count(*) AS late FROM w WHERE coalesce(wm >= ws + 30000 - 1, false);
