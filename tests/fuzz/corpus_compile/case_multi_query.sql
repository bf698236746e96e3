-- Several statements in one file: two sources, three queries, two sinks; one
-- source feeds two queries (a projection and a window aggregation), and one
-- sink receives rows from two queries (interleaved in processing order:
-- each source is read in turn, so all of `a` then all of `b`; the window of
-- `a` fires at the end of `a`'s input, before `b` is read).
--   a: (x=1, 00:01), (x=2, 00:02), (x=3, 00:11)     b: (y=10), (y=20)
--   all_vals (from a, x * 10, then from b, y): 10, 20, 30, then 10, 20
--   sums (a, 10 s windows, watermark = ts): [0,10) 3 fires when 00:11 arrives;
--   [10,20) 3 at the end of a's input
CREATE TABLE a (x INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts)
WITH ('connector' = 'filesystem', 'path' = 'a.jsonl', 'format' = 'json');
CREATE TABLE b (y INT)
WITH ('connector' = 'filesystem', 'path' = 'b.jsonl', 'format' = 'json');
CREATE TABLE all_vals (v INT, src STRING)
WITH ('connector' = 'filesystem', 'path' = 'all_vals.jsonl', 'format' = 'json');
CREATE TABLE sums (ws TIMESTAMP(3), s INT)
WITH ('connector' = 'filesystem', 'path' = 'sums.jsonl', 'format' = 'json');

INSERT INTO all_vals SELECT x * 10, 'a' FROM a;
INSERT INTO sums
SELECT window_start, SUM(x) FROM TABLE(TUMBLE(TABLE a, DESCRIPTOR(ts), INTERVAL '10' SECOND))
GROUP BY window_start, window_end;
INSERT INTO all_vals SELECT y, 'b' FROM b
