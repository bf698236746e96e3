-- An empty input file (and one holding only blank lines for the second
-- source): no records, no output rows, exit 0, the statistics say 0 read.
CREATE TABLE a (v INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts)
WITH ('connector' = 'filesystem', 'path' = 'a.jsonl', 'format' = 'json');
CREATE TABLE b (v INT) WITH ('connector' = 'filesystem', 'path' = 'b.jsonl', 'format' = 'json');
CREATE TABLE sums (s INT) WITH ('connector' = 'filesystem', 'path' = 'sums.jsonl');
CREATE TABLE copy (v INT) WITH ('connector' = 'filesystem', 'path' = 'copy.jsonl');
INSERT INTO sums SELECT SUM(v) FROM TABLE(TUMBLE(TABLE a, DESCRIPTOR(ts), INTERVAL '1' SECOND))
GROUP BY window_start, window_end;
INSERT INTO copy SELECT v FROM b;
