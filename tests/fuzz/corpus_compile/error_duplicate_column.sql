-- expect: duplicate_column.sql:2:36: error: column 'K' is declared twice in 'src'
CREATE TABLE src (k STRING, v INT, K INT)
WITH ('connector' = 'filesystem', 'path' = 'src.jsonl', 'format' = 'json');
CREATE TABLE dst (k STRING) WITH ('connector' = 'print');
INSERT INTO dst SELECT k FROM src;
