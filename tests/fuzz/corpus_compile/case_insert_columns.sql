-- INSERT INTO sink (column list) SELECT ...: columns are matched by the list,
-- in any order; sink columns not listed are NULL; values are cast to the
-- sink's column types (INT -> BIGINT, INT -> DOUBLE).
--   row {a:1, b:'x'} -> c1 (BIGINT) = a + 1 = 2, c2 = 'x', c3 (not listed) NULL, c4 (DOUBLE) = a = 1
CREATE TABLE src (a INT, b STRING)
WITH ('connector' = 'filesystem', 'path' = 'src.jsonl', 'format' = 'json');

CREATE TABLE dst (c1 BIGINT, c2 STRING, c3 INT, c4 DOUBLE)
WITH ('connector' = 'filesystem', 'path' = 'dst.jsonl', 'format' = 'json');

INSERT INTO dst (c2, c4, c1)
SELECT b, a, a + 1 FROM src;
