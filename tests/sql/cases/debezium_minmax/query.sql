-- MIN and MAX over a changelog (a debezium-json source) must forget the
-- values that are taken back: they keep every value with its count, not
-- only the extreme one.
--   1 c a 5 m 1.5   +I a lo 5 hi 5 slo m shi m xlo 1.5
--   2 c a 3 z 0.5   the minimum, the maximum string and the minimum double change
--   3 c a 3 b 0.5   3 a second time, b the minimum string
--   4 d 2 (3 z)     lo stays 3 (3 is still there once), shi back to m
--   5 d 3 (3 b)     lo back to 5, slo back to m, xlo back to 1.5
--   6 u 1 -> 7 n 2.5: the group empties (-D) and comes back (+I)
CREATE TABLE t (id INT, g STRING, v BIGINT, s STRING, x DOUBLE)
WITH ('connector' = 'filesystem', 'path' = 't.jsonl', 'format' = 'debezium-json');
CREATE TABLE o (g STRING, lo BIGINT, hi BIGINT, slo STRING, shi STRING, xlo DOUBLE)
WITH ('connector' = 'print');
INSERT INTO o SELECT g, MIN(v), MAX(v), MIN(s), MAX(s), MIN(x) FROM t GROUP BY g;
