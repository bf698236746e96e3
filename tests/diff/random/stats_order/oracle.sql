-- _rn (annotate.mjs) is the line number: the order sluice reads records in.
WITH e AS (
  SELECT *, epoch_ms(ts) AS ms
  FROM read_json('{{annotated}}', format = 'newline_delimited', columns = {
    '_rn': 'BIGINT', 'ts': 'TIMESTAMP', 'k': 'VARCHAR', 'a': 'BIGINT', 'b': 'INTEGER', 'x': 'DOUBLE',
    'flag': 'BOOLEAN'})
)
, w AS (SELECT *, win_start(ms, 120000, 0) AS ws FROM e)
SELECT flag, epoch_ms(ws) AS window_start, COUNT(*) AS n,
       stddev_pop(x) AS sd_pop_x, stddev_samp(a) AS sd_samp_a, var_pop(b) AS var_pop_b, var_samp(x) AS var_samp_x,
       first(k ORDER BY _rn) FILTER (WHERE k IS NOT NULL) AS first_k,
       last(k ORDER BY _rn) FILTER (WHERE k IS NOT NULL) AS last_k,
       first(a ORDER BY _rn) FILTER (WHERE a IS NOT NULL) AS first_a,
       last(x ORDER BY _rn) FILTER (WHERE x IS NOT NULL) AS last_x,
       string_agg(k, ' | ' ORDER BY _rn) AS ks,
       string_agg(k, ',' ORDER BY _rn) AS ks_default
FROM w
GROUP BY flag, ws;
