-- expect: unknown_option.sql:2:63: error: unknown option 'pth' for table 'src'; did you mean 'path'?
CREATE TABLE src (k STRING) WITH ('connector' = 'filesystem', 'pth' = 'src.jsonl');
CREATE TABLE dst (k STRING) WITH ('connector' = 'print');
INSERT INTO dst SELECT k FROM src;
