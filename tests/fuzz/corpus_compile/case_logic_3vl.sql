-- SQL three-valued logic over every (p, q) pair of TRUE / FALSE / NULL:
--   p AND q: FALSE if either is FALSE, else NULL if either is NULL, else TRUE
--   p OR q:  TRUE if either is TRUE, else NULL if either is NULL, else FALSE
--   NOT p: NULL stays NULL; p = q: NULL if either is NULL
--   IS NULL / IS NOT NULL are never NULL
-- The WHERE keeps rows whose condition is TRUE (not NULL): id 9 (p = NULL,
-- q = NULL) is dropped by `WHERE id < 9 OR p`, whose value there is NULL;
-- nothing else has id >= 9.
CREATE TABLE tv (id INT, p BOOLEAN, q BOOLEAN)
WITH ('connector' = 'filesystem', 'path' = 'tv.jsonl', 'format' = 'json');

CREATE TABLE res (id INT, p BOOLEAN, q BOOLEAN, p_and_q BOOLEAN, p_or_q BOOLEAN, not_p BOOLEAN,
                  p_eq_q BOOLEAN, p_null BOOLEAN, q_not_null BOOLEAN, nested BOOLEAN)
WITH ('connector' = 'filesystem', 'path' = 'res.jsonl', 'format' = 'json');

-- nested = NOT (p AND q) OR (p IS NULL): true rows 2,3,4,5,6,7,8,9 except
-- where NOT(p AND q) is NULL and p is not NULL (row 3: p=T,q=N -> NOT NULL = NULL,
-- p IS NULL = F -> NULL); row 1: NOT T = F, F -> F.
INSERT INTO res
SELECT id, p, q, p AND q, p OR q, NOT p, p = q, p IS NULL, q IS NOT NULL,
       NOT (p AND q) OR (p IS NULL)
FROM tv
WHERE id < 9 OR p;
