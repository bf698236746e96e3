-- Long IN lists of constants are searched as a sorted array (8 items or
-- more); they must answer exactly as the item-by-item chain does, with SQL's
-- NULL rule (no match and a NULL item: NULL), duplicates, negatives, strings
-- that are prefixes of each other, -0.0 = 0.0, NaN matching nothing, and a
-- column among the items. Each pair (set, chain) below must agree.
CREATE TABLE ev (i BIGINT, s STRING, d DOUBLE, j BIGINT)
WITH ('connector' = 'filesystem', 'path' = 'ev.jsonl', 'format' = 'json');
CREATE TABLE res WITH ('connector' = 'filesystem', 'path' = 'res.jsonl') AS
SELECT i,
  i IN (5, -3, 100, 7, 7, 9223372036854775807, -9223372036854775808, 0, 42) AS i_set,
  i IN (5, -3, 100) OR i IN (7, 7, 9223372036854775807) OR i IN (-9223372036854775808, 0, 42) AS i_chain,
  i NOT IN (1, 2, 3, 4, 5, 6, 7, 8, NULL) AS i_not_null,
  i IN (1, 2, 3, 4, 5, 6, 7, 8, j) AS i_col,
  s IN ('a', 'ab', 'abc', '', 'b', 'zz', 'é', 'a', 'abcd') AS s_set,
  s IN ('a', 'ab', 'abc') OR s IN ('', 'b', 'zz') OR s IN ('é', 'a', 'abcd') AS s_chain,
  d IN (0.0, 1.5, -2.5, 1e300, 3.25, 4.0, 5.0, 6.0, CAST('NaN' AS DOUBLE)) AS d_set
FROM ev;
