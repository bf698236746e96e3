-- Many groups and many open windows (hash index and window set growth,
-- window state recycling). ev.jsonl and the expected files were written by
-- gen.py from these rules, not by running sluice:
--   per_key: keys k0..k299; in window [00:00, 00:10) key ki appears
--     (i mod 3) + 1 times with v = i, keys in increasing order of i (all
--     repetitions of ki follow each other); in [00:10, 00:20) the keys
--     appear once each in decreasing order, v = 1. Output: window 1 rows
--     ki, n = i mod 3 + 1, s = i * n in order k0..k299, then window 2 rows
--     k299..k0 with n 1, s 1.
--   per_second: 400 records of a second source with times 00:00:00 +
--     ((j * 7) mod 400) s, j = 0..399 (a permutation of 400 seconds, so 400
--     one-second windows are open at once under the 1-hour watermark
--     delay); each window has one record with v = j; output in window order:
--     second t -> the j with (j * 7) mod 400 = t, i.e. j = (t * 343) mod 400
--     (343 = 7^-1 mod 400).
CREATE TABLE ev (k STRING, v INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
WITH ('connector' = 'filesystem', 'path' = 'ev.jsonl', 'format' = 'json');
CREATE TABLE sec (v INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' HOUR)
WITH ('connector' = 'filesystem', 'path' = 'sec.jsonl', 'format' = 'json');
CREATE TABLE per_key (k STRING, n BIGINT, s INT)
WITH ('connector' = 'filesystem', 'path' = 'per_key.jsonl');
CREATE TABLE per_second (ws TIMESTAMP(3), v INT)
WITH ('connector' = 'filesystem', 'path' = 'per_second.jsonl');
INSERT INTO per_key
SELECT k, COUNT(*), SUM(v) FROM TABLE(TUMBLE(TABLE ev, DESCRIPTOR(ts), INTERVAL '10' SECOND))
GROUP BY k, window_start, window_end;
INSERT INTO per_second
SELECT window_start, MAX(v) FROM TABLE(TUMBLE(TABLE sec, DESCRIPTOR(ts), INTERVAL '1' SECOND))
GROUP BY window_start, window_end;
