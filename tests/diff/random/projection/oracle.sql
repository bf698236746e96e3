-- Flink semantics spelled out: integer / truncates toward zero; CONCAT and
-- || are NULL when an argument is NULL (DuckDB's concat() skips NULLs);
-- ROUND(x, 1) rounds half away from zero (x is a multiple of 0.25: exact).
WITH e AS (
  SELECT *, epoch_ms(ts) AS ms
  FROM read_json('{{events}}', format = 'newline_delimited', columns = {
    'ts': 'TIMESTAMP', 'k': 'VARCHAR', 'a': 'BIGINT', 'b': 'INTEGER', 'x': 'DOUBLE', 'flag': 'BOOLEAN'})
)
SELECT ts, k, upper(k) AS k_upper, lower(k) AS k_lower, trim(k) AS k_trim, length(k) AS k_len,
       substring(k, 2, 3) AS k_sub, coalesce(k, 'none') AS k_or, k || '|' || 'x' AS k_concat,
       k || '#' AS k_pipe,
       (a - a % b) // b AS a_div_b, a % b AS a_mod_b, a % b AS a_rem_b, abs(a) AS a_abs,
       coalesce(a, -1) + b AS a_or_plus_b,
       CASE WHEN a IS NULL THEN 'nul' WHEN a < 0 THEN 'neg' ELSE 'pos' END AS a_sign,
       flag, NOT flag AS not_flag,
       x * 2 AS x2, floor(x) AS x_floor, ceil(x) AS x_ceil, round(x, 1) AS x_round, abs(x) AS x_abs,
       CAST(a AS DOUBLE) / 4 AS a_quarter, CAST(b AS BIGINT) * 1000000000000 AS b_big
FROM e
WHERE (a > 0 OR k IS NULL) AND NOT (b = 3) OR flag;
