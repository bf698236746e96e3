WITH e AS (
  SELECT *, epoch_ms(ts) AS ms, _max - 5000 AS wm
  FROM read_json('{{annotated}}', format = 'newline_delimited', columns = {
    '_rn': 'BIGINT', '_max': 'BIGINT',
    'ts': 'TIMESTAMP', 'k': 'VARCHAR', 'a': 'BIGINT', 'b': 'INTEGER', 'x': 'DOUBLE', 'flag': 'BOOLEAN'})
)
-- the last window of a record's minute ends at ws + 60 s
, w AS (SELECT *, win_start(ms, 60000, 0) AS ws FROM e)
SELECT count(*) AS late FROM w WHERE coalesce(wm >= ws + 60000 - 1, false);
