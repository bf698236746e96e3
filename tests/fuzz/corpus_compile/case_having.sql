-- HAVING filters groups after aggregation. Query 1: an aggregate condition
-- (COUNT(*) >= 2 AND SUM(v) < 100). Query 2: a condition on the key only
-- (k <> 'b', which the optimizer evaluates per row in WHERE) AND one on an
-- aggregate (MAX(v) > 1); a NULL key makes k <> 'b' NULL: the group is dropped.
-- Window [0,10) (all rows):  a: v 1, 2 -> n 2, sum 3, max 2
--                            b: v 5, 7 -> n 2, sum 12, max 7
--                            c: v 50, 60 -> n 2, sum 110, max 60
--                            d: v 9 -> n 1, sum 9, max 9
--                            NULL: v 4, 8 -> n 2, sum 12, max 8
-- Query 1 keeps a (3), b (12), NULL (12): c fails SUM < 100, d fails COUNT >= 2.
-- Query 2 keeps a (max 2), c (60), d (9): b fails k <> 'b', NULL fails (NULL).
CREATE TABLE ev (k STRING, v INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts)
WITH ('connector' = 'filesystem', 'path' = 'ev.jsonl', 'format' = 'json');

CREATE TABLE q1 (k STRING, n BIGINT, total INT)
WITH ('connector' = 'filesystem', 'path' = 'q1.jsonl', 'format' = 'json');
CREATE TABLE q2 (k STRING, mx INT)
WITH ('connector' = 'filesystem', 'path' = 'q2.jsonl', 'format' = 'json');

INSERT INTO q1
SELECT k, COUNT(*), SUM(v)
FROM TABLE(TUMBLE(TABLE ev, DESCRIPTOR(ts), INTERVAL '10' SECOND))
GROUP BY window_start, window_end, k
HAVING COUNT(*) >= 2 AND SUM(v) < 100;

INSERT INTO q2
SELECT k, MAX(v)
FROM TABLE(TUMBLE(TABLE ev, DESCRIPTOR(ts), INTERVAL '10' SECOND))
GROUP BY window_start, window_end, k
HAVING k <> 'b' AND MAX(v) > 1;
