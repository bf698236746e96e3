WITH e AS (
  SELECT *, epoch_ms(ts) AS ms, _max AS mx
  FROM read_json('{{annotated}}', format = 'newline_delimited', columns = {
    '_rn': 'BIGINT', '_max': 'BIGINT', 'v': 'INTEGER', 'ts': 'TIMESTAMP'})
)
-- late: dropped from every window, i.e. from the one that ends last
SELECT count(*) AS late FROM e WHERE coalesce(mx >= win_start(ms, 5000, 0) + 15000 - 1, false);
