-- Constant expressions (folded by the optimizer) must give what the same
-- expressions give at run time on columns (arith_int): the row provides
-- a = 7, b = 2, m = -2147483648 so both forms sit side by side.
--   7 / 2 = 3, -7 / 2 = -3, -7 % 2 = -1, 7 % -2 = 1, 1 / 0 = NULL, 1 % 0 = NULL,
--   2147483647 + 1 wraps to -2147483648 (INT), CAST(-2147483648 AS INT) / -1 wraps
--   to itself (the literal 2147483648 is a BIGINT, hence the CAST),
--   2147483648 is a BIGINT literal so 2147483648 + 1 = 2147483649,
--   7.0 / 2 = 3.5 (DOUBLE), 0.1 + 0.2 = 0.30000000000000004, 1.5 * 2 = 3,
--   1.0 / 0 = NULL, 2 + 3 * 4 = 14, (2 + 3) * 4 = 20, 10 - 2 - 3 = 5, -(-3) = 3
CREATE TABLE one (a INT, b INT, m INT)
WITH ('connector' = 'filesystem', 'path' = 'one.jsonl', 'format' = 'json');

CREATE TABLE res WITH ('connector' = 'filesystem', 'path' = 'res.jsonl', 'format' = 'json') AS
SELECT 7 / 2 AS c1, a / b AS r1,
       -7 / 2 AS c2, -a / b AS r2,
       -7 % 2 AS c3, -a % b AS r3,
       7 % -2 AS c4, a % -b AS r4,
       1 / 0 AS c5, a / (b - 2) AS r5,
       1 % 0 AS c6,
       2147483647 + 1 AS c7, (a + 2147483640) + 1 AS r7,
       CAST(-2147483648 AS INT) / -1 AS c8, m / -1 AS r8,
       2147483648 + 1 AS c9,
       7.0 / 2 AS c10, CAST(a AS DOUBLE) / b AS r10,
       0.1 + 0.2 AS c11,
       1.5 * 2 AS c12,
       1.0 / 0 AS c13,
       2 + 3 * 4 AS c14, (2 + 3) * 4 AS c15, 10 - 2 - 3 AS c16, -(-3) AS c17
FROM one;
