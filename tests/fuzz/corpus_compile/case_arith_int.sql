-- Integer arithmetic on columns (no constant folding): + - * / % with every
-- sign combination. Integer division truncates toward zero, % has the sign
-- of the dividend, x / 0 and x % 0 are NULL (sluice's documented choice;
-- Flink fails the job), INT overflow wraps like Java int (also INT_MIN / -1),
-- BIGINT likewise (INT64_MIN / -1 wraps to INT64_MIN, INT64_MIN % -1 = 0).
-- Unary minus of INT_MIN wraps to itself.
--
--   a            b    a+b          a-b          a*b          a/b          a%b  neg_a
--   7            2    9            5            14           3            1    -7
--  -7            2   -5           -9           -14          -3           -1     7
--   7           -2    5            9           -14          -3            1    -7
--  -7           -2   -9           -5            14           3           -1     7
--   5            0    5            5            0            NULL       NULL   -5
--   2147483647   1   -2147483648  2147483646   2147483647   2147483647   0   -2147483647
--  -2147483648  -1    2147483647 -2147483647  -2147483648  -2147483648   0   -2147483648
--   NULL         3    all NULL
-- BIGINT x, y: (-9223372036854775808, -1) -> x/y = -9223372036854775808, x%y = 0;
-- (10, 0) -> NULL, NULL; (-9, 4) -> -2, -1; mixed INT + BIGINT widens: a + x.
CREATE TABLE nums (a INT, b INT, x BIGINT, y BIGINT)
WITH ('connector' = 'filesystem', 'path' = 'nums.jsonl', 'format' = 'json');

CREATE TABLE res WITH ('connector' = 'filesystem', 'path' = 'res.jsonl', 'format' = 'json') AS
SELECT a, b, a + b AS s, a - b AS d, a * b AS p, a / b AS q, a % b AS r, -a AS neg_a,
       x / y AS xq, x % y AS xr, a + x AS ax
FROM nums;
