-- HOP aggregations of one shape (panes: COUNT and SUM merge), and SESSION
-- aggregations of one shape, share their generated types (program.c,
-- cg_share_types) and keep their own state.
-- Watermark = ts; rows (k, v, second): (a,1,01) (b,2,05) (a,3,12) (a,4,25)
-- h1, HOP(slide 5 s, size 10 s):
--   [-5,5) a 1/1; [0,10) a 1/1, b 1/2; [5,15) b 1/2, a 1/3; [10,20) a 1/3;
--   [15,25) no row; [20,30) a 1/4; [25,35) a 1/4
-- h2, HOP(slide 10 s, size 20 s):
--   [-10,10) a 1/1, b 1/2; [0,20) a 2/4, b 1/2; [10,30) a 2/7; [20,40) a 1/4
-- s1, SESSION(PARTITION BY k, gap 5 s): a [1,6) 1/1, b [5,10) 1/2, a [12,17) 1/3,
--   a [25,30) 1/4
-- s2, SESSION(PARTITION BY k, gap 10 s): a [1,11) 1/1, b [5,15) 1/2,
--   a [12,22) 1/3, a [25,35) 1/4
-- (compared as sets: the order within a window is not what this case is about)
CREATE TABLE src (k STRING, v BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts)
WITH ('connector' = 'filesystem', 'path' = 'src.jsonl', 'format' = 'json');
CREATE TABLE h1 WITH ('connector' = 'filesystem', 'path' = 'h1.jsonl') AS
SELECT k, window_start, window_end, COUNT(*) AS n, SUM(v) AS s
FROM TABLE(HOP(TABLE src, DESCRIPTOR(ts), INTERVAL '5' SECOND, INTERVAL '10' SECOND))
GROUP BY k, window_start, window_end;
CREATE TABLE h2 WITH ('connector' = 'filesystem', 'path' = 'h2.jsonl') AS
SELECT k, window_start, window_end, COUNT(*) AS n, SUM(v) AS s
FROM TABLE(HOP(TABLE src, DESCRIPTOR(ts), INTERVAL '10' SECOND, INTERVAL '20' SECOND))
GROUP BY k, window_start, window_end;
CREATE TABLE s1 WITH ('connector' = 'filesystem', 'path' = 's1.jsonl') AS
SELECT k, window_start, window_end, COUNT(*) AS n, SUM(v) AS s
FROM TABLE(SESSION(TABLE src PARTITION BY k, DESCRIPTOR(ts), INTERVAL '5' SECOND))
GROUP BY k, window_start, window_end;
CREATE TABLE s2 WITH ('connector' = 'filesystem', 'path' = 's2.jsonl') AS
SELECT k, window_start, window_end, COUNT(*) AS n, SUM(v) AS s
FROM TABLE(SESSION(TABLE src PARTITION BY k, DESCRIPTOR(ts), INTERVAL '10' SECOND))
GROUP BY k, window_start, window_end;
