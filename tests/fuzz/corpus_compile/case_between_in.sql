-- BETWEEN (inclusive both ends), NOT BETWEEN, IN lists with and without
-- NULL items, NOT IN, string IN.
--   x BETWEEN 2 AND 4:          x=1 F, 2 T, 4 T, 5 F, NULL -> NULL
--   x NOT BETWEEN 2 AND 4:      negation (NULL stays NULL)
--   x BETWEEN 4 AND 2:          empty range (no SYMMETRIC): always F (NULL for NULL x)
--   x IN (1, 4):                T for 1 and 4, F otherwise, NULL for NULL x
--   x IN (1, NULL):             T for 1, NULL otherwise (no match but a NULL item)
--   x NOT IN (1, NULL):         F for 1, NULL otherwise
--   s IN ('a', 'b'):            s = 'a' T, 'c' F, NULL -> NULL
--   x IN (2.0, 5):              x widened to DOUBLE: T for 2 and 5
CREATE TABLE t (x INT, s STRING)
WITH ('connector' = 'filesystem', 'path' = 't.jsonl', 'format' = 'json');

CREATE TABLE res (x INT, btw BOOLEAN, nbtw BOOLEAN, rev BOOLEAN, in14 BOOLEAN, in1n BOOLEAN,
                  nin1n BOOLEAN, s_in BOOLEAN, in_dbl BOOLEAN)
WITH ('connector' = 'filesystem', 'path' = 'res.jsonl', 'format' = 'json');

INSERT INTO res
SELECT x, x BETWEEN 2 AND 4, x NOT BETWEEN 2 AND 4, x BETWEEN 4 AND 2, x IN (1, 4),
       x IN (1, NULL), x NOT IN (1, NULL), s IN ('a', 'b'), x IN (2.0, 5)
FROM t;
