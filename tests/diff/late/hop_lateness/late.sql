WITH e AS (
  SELECT *, epoch_ms(ts) AS ms, _max - 5000 AS wm
  FROM read_json('{{annotated}}', format = 'newline_delimited', columns = {
    '_rn': 'BIGINT', '_max': 'BIGINT',
    'ts': 'TIMESTAMP', 'k': 'VARCHAR', 'a': 'BIGINT', 'b': 'INTEGER', 'x': 'DOUBLE', 'flag': 'BOOLEAN'})
)
-- dropped from all windows = dropped from the one that ends last
, w AS (SELECT *, win_start(ms, 10000, 0) + 30000 AS last_end FROM e)
SELECT count(*) AS late FROM w WHERE coalesce(wm >= last_end - 1 + 10000, false);
