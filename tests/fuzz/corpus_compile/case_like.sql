-- LIKE: '%' any sequence (also empty), '_' exactly one character (a UTF-8
-- code point, so '_' matches 'é' and '__' does not), ESCAPE makes the next
-- pattern character literal, NOT LIKE, NULL operands give NULL, a pattern
-- from a column (not specialised at compile time).
--   s        a%   %c   _b_  a!_c(esc !)  %!%%(esc !)  _    __   abc  %    NOT %b%  s LIKE p
--   abc      T    T    T    F            F            F    F    T    T    F        (p='a_c') T
--   a_c      T    T    F    T            F            F    F    F    T    T        (p='a\_c' esc none) F
--   a%c      T    T    F    F            T            F    F    F    T    T        (p='%') T
--   ac       T    T    F    F            F            F    T    F    T    T        (p=NULL) NULL
--   é        F    F    F    F            F            T    F    F    T    T        (p='_') T
--   xabcx    F    F    F    F            F            F    F    F    T    F        (p='%bc_') T
--   ''       F    F    F    F            F            F    F    F    T    T        (p='') T
--   NULL     all NULL
CREATE TABLE t (s STRING, p STRING)
WITH ('connector' = 'filesystem', 'path' = 't.jsonl', 'format' = 'json');

CREATE TABLE res (s STRING, l1 BOOLEAN, l2 BOOLEAN, l3 BOOLEAN, l4 BOOLEAN, l5 BOOLEAN,
                  l6 BOOLEAN, l7 BOOLEAN, l8 BOOLEAN, l9 BOOLEAN, l10 BOOLEAN, l11 BOOLEAN)
WITH ('connector' = 'filesystem', 'path' = 'res.jsonl', 'format' = 'json');

INSERT INTO res
SELECT s, s LIKE 'a%', s LIKE '%c', s LIKE '_b_', s LIKE 'a!_c' ESCAPE '!',
       s LIKE '%!%%' ESCAPE '!', s LIKE '_', s LIKE '__', s LIKE 'abc', s LIKE '%',
       s NOT LIKE '%b%', s LIKE p
FROM t;
