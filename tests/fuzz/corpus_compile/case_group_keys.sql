-- GROUP BY variants in 10 s windows: two keys (one of them NULL in some rows:
-- NULL keys form one group of their own), and an expression key.
-- Rows (all in [00:00, 00:10) except the last, in [00:10, 00:20)):
--   1 a  x  v=1     2 a  y  v=2     3 a  x  v=3     4 NULL x v=4
--   5 b  NULL v=5   6 NULL x v=6    7 b  NULL v=7   8 a  x  v=8 (00:12)
-- Query 1, GROUP BY k1, k2 (first appearance order):
--   [0,10): (a,x) 1+3=4, (a,y) 2, (NULL,x) 4+6=10, (b,NULL) 5+7=12;  [10,20): (a,x) 8
-- Query 2, GROUP BY v % 3 (expression key) selected as r, with UPPER(k1) a
-- second expression key:
--   [0,10): v%3: 1->1, 2->2, 3->0, 4->1, 5->2, 6->0, 7->1; with UPPER(k1):
--     (1,A) v=1, (2,A) v=2, (0,A) v=3, (1,NULL) v=4, (2,B) v=5, (0,NULL) v=6, (1,B) v=7
--   [10,20): (2,A) v=8
CREATE TABLE ev (k1 STRING, k2 STRING, v INT, ts TIMESTAMP(3),
                 WATERMARK FOR ts AS ts - INTERVAL '30' SECOND)
WITH ('connector' = 'filesystem', 'path' = 'ev.jsonl', 'format' = 'json');

CREATE TABLE two_keys (k1 STRING, k2 STRING, total INT)
WITH ('connector' = 'filesystem', 'path' = 'two_keys.jsonl', 'format' = 'json');
CREATE TABLE expr_keys (r INT, uk STRING, n BIGINT, total INT)
WITH ('connector' = 'filesystem', 'path' = 'expr_keys.jsonl', 'format' = 'json');

INSERT INTO two_keys
SELECT k1, k2, SUM(v)
FROM TABLE(TUMBLE(TABLE ev, DESCRIPTOR(ts), INTERVAL '10' SECOND))
GROUP BY window_start, window_end, k1, k2;

INSERT INTO expr_keys
SELECT v % 3, UPPER(k1), COUNT(*), SUM(v)
FROM TABLE(TUMBLE(TABLE ev, DESCRIPTOR(ts), INTERVAL '10' SECOND))
GROUP BY v % 3, UPPER(k1), window_start, window_end;
