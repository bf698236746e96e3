-- wm: the watermark just before the record (annotate.mjs's _max - 5 s; NULL
-- before the first record: nothing is late).
WITH e AS (
  SELECT *, epoch_ms(ts) AS ms, _max - 5000 AS wm
  FROM read_json('{{annotated}}', format = 'newline_delimited', columns = {
    '_rn': 'BIGINT', '_max': 'BIGINT',
    'ts': 'TIMESTAMP', 'k': 'VARCHAR', 'a': 'BIGINT', 'b': 'INTEGER', 'x': 'DOUBLE', 'flag': 'BOOLEAN'})
)
, w AS (SELECT *, win_start(ms, 10000, 0) AS ws FROM e)
SELECT flag, epoch_ms(ws) AS window_start, epoch_ms(ws + 10000) AS window_end, COUNT(*) AS n, SUM(a) AS sum_a,
       MIN(ts) AS first_ts, MAX(ts) AS last_ts
FROM w
WHERE NOT coalesce(wm >= ws + 10000 - 1, false)
GROUP BY flag, ws;
