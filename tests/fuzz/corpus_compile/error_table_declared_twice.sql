-- expect: table_declared_twice.sql:3:14: error: table 'SRC' is already declared
CREATE TABLE src (k STRING) WITH ('connector' = 'filesystem', 'path' = 'a.jsonl');
CREATE TABLE SRC (k STRING) WITH ('connector' = 'filesystem', 'path' = 'b.jsonl');
CREATE TABLE dst (k STRING) WITH ('connector' = 'print');
INSERT INTO dst SELECT k FROM src;
