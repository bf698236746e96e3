-- CASE: searched and simple forms, with and without ELSE; the first TRUE
-- branch wins; a NULL condition is not TRUE; no ELSE gives NULL; a simple
-- CASE compares with '=', so a NULL operand matches nothing (goes to ELSE);
-- branch types widen (INT and BIGINT -> BIGINT, INT and DOUBLE -> DOUBLE).
--   x     grade (searched, ELSE)  sign (no ELSE)  name (simple, ELSE)  wide (INT/DOUBLE)  big
--   5     'high'  (x > 3)         1               'five'               5                  5
--   2     'low'   (x > 0)         1               'other'              2                  2
--   0     'zero'  (ELSE)          NULL            'zero'               0                  0
--   -4    'zero'  (ELSE)          -1              'other'              0.5                -4
--   NULL  'zero'  (ELSE)          NULL            'other'              0.5                NULL
-- wide = CASE WHEN x >= 0 THEN x ELSE 0.5 END (DOUBLE: 5 prints as 5)
-- big = CASE WHEN x > 100 THEN 3000000000 ELSE x END (BIGINT)
CREATE TABLE t (x INT)
WITH ('connector' = 'filesystem', 'path' = 't.jsonl', 'format' = 'json');

CREATE TABLE res (x INT, grade STRING, sign INT, name STRING, wide DOUBLE, big BIGINT)
WITH ('connector' = 'filesystem', 'path' = 'res.jsonl', 'format' = 'json');

INSERT INTO res
SELECT x,
       CASE WHEN x > 3 THEN 'high' WHEN x > 0 THEN 'low' ELSE 'zero' END,
       CASE WHEN x > 0 THEN 1 WHEN x < 0 THEN -1 END,
       CASE x WHEN 5 THEN 'five' WHEN 0 THEN 'zero' ELSE 'other' END,
       CASE WHEN x >= 0 THEN x ELSE 0.5 END,
       CASE WHEN x > 100 THEN 3000000000 ELSE x END
FROM t;
