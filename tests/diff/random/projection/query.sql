-- Scalar functions over NULLs, negative numbers and unicode; WHERE with
-- three-valued logic (a NULL predicate drops the row).
CREATE TABLE events (
  ts   TIMESTAMP(3),
  k    STRING,
  a    BIGINT,
  b    INT,
  x    DOUBLE,
  flag BOOLEAN,
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'events.jsonl', 'format' = 'json');

CREATE TABLE projected (
  ts TIMESTAMP(3), k STRING, k_upper STRING, k_lower STRING, k_trim STRING, k_len INT,
  k_sub STRING, k_or STRING, k_concat STRING, k_pipe STRING,
  a_div_b BIGINT, a_mod_b BIGINT, a_rem_b BIGINT, a_abs BIGINT, a_or_plus_b BIGINT, a_sign STRING,
  flag BOOLEAN, not_flag BOOLEAN,
  x2 DOUBLE, x_floor DOUBLE, x_ceil DOUBLE, x_round DOUBLE, x_abs DOUBLE, a_quarter DOUBLE, b_big BIGINT
) WITH ('connector' = 'print');

INSERT INTO projected
SELECT ts, k, UPPER(k), LOWER(k), TRIM(k), CHAR_LENGTH(k),
       SUBSTRING(k, 2, 3), COALESCE(k, 'none'), CONCAT(k, '|', 'x'), k || '#',
       a / b, MOD(a, b), a % b, ABS(a), COALESCE(a, -1) + b,
       CASE WHEN a IS NULL THEN 'nul' WHEN a < 0 THEN 'neg' ELSE 'pos' END,
       flag, NOT flag,
       x * 2, FLOOR(x), CEIL(x), ROUND(x, 1), ABS(x), CAST(a AS DOUBLE) / 4,
       CAST(b AS BIGINT) * 1000000000000
FROM events
WHERE (a > 0 OR k IS NULL) AND NOT (b = 3) OR flag;
