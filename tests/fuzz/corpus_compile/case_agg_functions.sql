-- Aggregate functions in one 1-minute window (everything fires at the end),
-- grouped by g. COUNT(*) counts rows, COUNT(x) non-NULL values; SUM, AVG,
-- MIN, MAX skip NULLs and are NULL when a group has no non-NULL value.
-- SUM and AVG of INT are INT; AVG of an integer type truncates toward zero
-- like Flink (Java long division); AVG of a DOUBLE is exact.
--   g='a': i = 1, 2, NULL   d = 1.5, NULL, 2.0  s = 'pear', 'Apple', NULL
--     cnt 3, cnt_i 2, sum_i 3, avg_i 1 (3/2), min_i 1, max_i 2,
--     sum_d 3.5, avg_d 1.75, min_s 'Apple' ('A' < 'p'), max_s 'pear'
--   g='b': i = -1, -2       d = NULL, NULL      s = 'zoo', 'éclair'
--     cnt 2, cnt_i 2, sum_i -3, avg_i -1 (-3/2 truncates to -1), min_i -2, max_i -1,
--     sum_d NULL, avg_d NULL, min_s 'zoo', max_s 'éclair' (UTF-8 0xC3 > 'z')
--   g='c': i = NULL         d = 0.1, 0.2        s = NULL
--     cnt 2, cnt_i 0, sum_i NULL, avg_i NULL, min_i NULL, max_i NULL,
--     sum_d 0.30000000000000004, avg_d 0.15000000000000002, min_s NULL, max_s NULL
-- big: BIGINT 9007199254740993 + 2 = 9007199254740995 (exact, no doubles), avg 4503599627370497
CREATE TABLE ev (g STRING, i INT, d DOUBLE, s STRING, big BIGINT, ts TIMESTAMP(3),
                 WATERMARK FOR ts AS ts)
WITH ('connector' = 'filesystem', 'path' = 'ev.jsonl', 'format' = 'json');

CREATE TABLE res WITH ('connector' = 'filesystem', 'path' = 'res.jsonl', 'format' = 'json') AS
SELECT g, COUNT(*) AS cnt, COUNT(i) AS cnt_i, SUM(i) AS sum_i, AVG(i) AS avg_i, MIN(i) AS min_i,
       MAX(i) AS max_i, SUM(d) AS sum_d, AVG(d) AS avg_d, MIN(s) AS min_s, MAX(s) AS max_s,
       SUM(big) AS sum_big, AVG(big) AS avg_big
FROM TABLE(TUMBLE(TABLE ev, DESCRIPTOR(ts), INTERVAL '1' MINUTE))
GROUP BY window_start, window_end, g;
