-- Queries of one shape (same keys, same aggregates, same types) share the
-- generated types and state functions of the first (program.c,
-- cg_share_types); each must still keep its own state and windows. Three
-- share (TUMBLE 10 s, TUMBLE 20 s, CUMULATE step 10 s size 20 s), one with
-- MAX has types of its own. Watermark = ts; rows (k, v, second):
--   (a,1,01) (b,2,05) (a,3,12) (a,4,25)
-- t10: [0,10) a 1/1, b 1/2 (fires at 12); [10,20) a 1/3 (at 25); [20,30) a 1/4 (end)
-- t20: [0,20) a 2/4, b 1/2 (at 25); [20,40) a 1/4 (end)
-- c:   [0,10) a 1/1, b 1/2 (at 12); [0,20) a 2/4, b 1/2 (at 25);
--      [20,30) a 1/4, [20,40) a 1/4 (end, in order of end)
-- m:   t10's windows with MAX(v): a 1, b 2; a 3; a 4
-- g1, g2: GROUP BY k without a window (changelogs), one shape; g2 over v > 1
CREATE TABLE src (k STRING, v BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts)
WITH ('connector' = 'filesystem', 'path' = 'src.jsonl', 'format' = 'json');
CREATE TABLE t10 WITH ('connector' = 'filesystem', 'path' = 't10.jsonl') AS
SELECT k, window_start, window_end, COUNT(*) AS n, SUM(v) AS s
FROM TABLE(TUMBLE(TABLE src, DESCRIPTOR(ts), INTERVAL '10' SECOND))
GROUP BY k, window_start, window_end;
CREATE TABLE t20 WITH ('connector' = 'filesystem', 'path' = 't20.jsonl') AS
SELECT k, window_start, window_end, COUNT(*) AS n, SUM(v) AS s
FROM TABLE(TUMBLE(TABLE src, DESCRIPTOR(ts), INTERVAL '20' SECOND))
GROUP BY k, window_start, window_end;
CREATE TABLE c WITH ('connector' = 'filesystem', 'path' = 'c.jsonl') AS
SELECT k, window_start, window_end, COUNT(*) AS n, SUM(v) AS s
FROM TABLE(CUMULATE(TABLE src, DESCRIPTOR(ts), INTERVAL '10' SECOND, INTERVAL '20' SECOND))
GROUP BY k, window_start, window_end;
CREATE TABLE m WITH ('connector' = 'filesystem', 'path' = 'm.jsonl') AS
SELECT k, window_start, window_end, COUNT(*) AS n, MAX(v) AS s
FROM TABLE(TUMBLE(TABLE src, DESCRIPTOR(ts), INTERVAL '10' SECOND))
GROUP BY k, window_start, window_end;
CREATE TABLE g1 (k STRING, n BIGINT, s BIGINT) WITH ('connector' = 'print');
CREATE TABLE g2 (k STRING, n BIGINT, s BIGINT) WITH ('connector' = 'print');
INSERT INTO g1 SELECT k, COUNT(*), SUM(v) FROM src GROUP BY k;
INSERT INTO g2 SELECT k, COUNT(*), SUM(v) FROM src WHERE v > 1 GROUP BY k;
