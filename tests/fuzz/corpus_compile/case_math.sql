-- Numeric functions (Flink semantics). ROUND is HALF_UP on the decimal
-- value Java prints for the double (BigDecimal.valueOf), so 1.005 -> 1.01 and
-- 0.285 -> 0.29 even though their binary values lie just below, and a
-- result of zero is +0 (BigDecimal has no -0). FLOOR/CEIL of DOUBLE are
-- DOUBLE (CEIL(-0.4) is -0.0, printed -0). ROUND(INT, -1) rounds to tens,
-- half away from zero, wrapping like Java int (INT_MIN -> -2147483650 ->
-- 2147483646). ABS(INT_MIN) wraps to INT_MIN. MOD keeps the dividend's sign
-- and MOD(x, 0) is NULL. COALESCE takes the first non-NULL argument.
--   x            d      y     ax          ad     r0  r2    ri          fl  ce  fx          md    co  cd
--   -7           2.5    3     7           2.5    3   2.5   -10         2   3   -7          -1    3   2.5
--   15           -2.5   0     15          2.5    -3  -2.5  20          -3  -2  15          NULL  0   -2.5
--   14           1.005  NULL  14          1.005  1   1.01  10          1   2   14          NULL  14  1.005
--   NULL         0.285  2     NULL        0.285  0   0.29  NULL        0   1   NULL        NULL  2   0.285
--   -2147483648  -1.5   -1    -2147483648 1.5    -2  -1.5  2147483646  -2  -1  -2147483648 0     -1  -1.5
--   0            NULL   5     0           NULL   NULL NULL 0           NULL NULL 0         0     5   9.5
--   1            -0.4   1     1           0.4    0   -0.4  0           -1  -0  1           0     1   -0.4
CREATE TABLE t (x INT, d DOUBLE, y INT)
WITH ('connector' = 'filesystem', 'path' = 't.jsonl', 'format' = 'json');

CREATE TABLE res WITH ('connector' = 'filesystem', 'path' = 'res.jsonl', 'format' = 'json') AS
SELECT ABS(x) AS ax, ABS(d) AS ad, ROUND(d) AS r0, ROUND(d, 2) AS r2, ROUND(x, -1) AS ri,
       FLOOR(d) AS fl, CEIL(d) AS ce, FLOOR(x) AS fx, MOD(x, y) AS md, COALESCE(y, x, 0) AS co,
       COALESCE(d, 9.5) AS cd
FROM t;
