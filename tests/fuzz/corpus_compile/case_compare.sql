-- Comparisons of every type: = <> < <= > >= on INT, BIGINT vs INT, DOUBLE
-- vs INT (1 = 1.0), strings (byte order: 'B' < 'a', 'ab' < 'abc', '' < 'a'),
-- booleans (FALSE < TRUE), timestamps (also against a string literal, parsed
-- as a TIMESTAMP), and NULL on either side (NULL result). WHERE keeps TRUE
-- rows only: `WHERE s <> 'skip'` drops row 4 (s = 'skip') and row 5 (s NULL).
--   row 1: i=1 j=1.0 s='B' t='a'  ts 00:00:01 -> i=j T, i<>j F, s<t T, s>=t F
--   row 2: i=2 j=1.5 s='ab' t='abc' ts 00:00:02 -> i=j F, i<>j T, i<j F, s<t T, s>=t F
--   row 3: i=NULL s='' t='a' ts 00:00:03 -> i comparisons NULL, s<t T
-- ts_gt: ts > '2024-01-01 00:00:01.500' -> F, T, T
-- b_lt: b < TRUE -> row1 b=false T, row2 b=true F, row3 b=null NULL
-- big_eq: big = i (BIGINT vs INT) -> row1 1=1 T, row2 3=2 F, row3 NULL
CREATE TABLE c (i INT, j DOUBLE, big BIGINT, s STRING, t STRING, b BOOLEAN, ts TIMESTAMP(3))
WITH ('connector' = 'filesystem', 'path' = 'c.jsonl', 'format' = 'json');

CREATE TABLE res (i_eq_j BOOLEAN, i_ne_j BOOLEAN, i_lt_j BOOLEAN, i_le_j BOOLEAN, i_gt_j BOOLEAN,
                  i_ge_j BOOLEAN, s_lt_t BOOLEAN, s_ge_t BOOLEAN, ts_gt BOOLEAN, b_lt BOOLEAN,
                  big_eq BOOLEAN)
WITH ('connector' = 'filesystem', 'path' = 'res.jsonl', 'format' = 'json');

INSERT INTO res
SELECT i = j, i <> j, i < j, i <= j, i > j, i >= j, s < t, s >= t,
       ts > '2024-01-01 00:00:01.500', b < TRUE, big = i
FROM c
WHERE s <> 'skip';
