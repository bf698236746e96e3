-- {{annotated}} carries _rn, the line number: the input order. FIRST_VALUE /
-- LAST_VALUE skip NULLs (Flink's FirstValue/LastValue), LISTAGG too.
WITH f AS (
  SELECT *, epoch_ms("date") AS ms
  FROM read_json('{{annotated}}', format = 'newline_delimited', columns = {
    '_rn': 'BIGINT', 'date': 'TIMESTAMP', 'delay': 'BIGINT', 'distance': 'BIGINT',
    'origin': 'VARCHAR', 'destination': 'VARCHAR'})
)
, w AS (SELECT *, win_start(ms, 86400000, 0) AS ws FROM f WHERE distance > 1500)
SELECT origin, epoch_ms(ws) AS window_start,
       first(destination ORDER BY _rn) FILTER (WHERE destination IS NOT NULL) AS first_dest,
       last(delay ORDER BY _rn) FILTER (WHERE delay IS NOT NULL) AS last_delay,
       first(delay ORDER BY _rn) FILTER (WHERE delay IS NOT NULL) AS first_delay,
       last(destination ORDER BY _rn) FILTER (WHERE destination IS NOT NULL) AS last_dest,
       string_agg(destination, ',' ORDER BY _rn) AS dests,
       string_agg(CAST(delay AS VARCHAR), '; ' ORDER BY _rn) AS delays
FROM w
GROUP BY origin, ws;
